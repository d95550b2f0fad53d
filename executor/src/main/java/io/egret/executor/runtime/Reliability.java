package io.egret.executor.runtime;

import io.egret.domain.topology.ReliabilityMode;
import io.egret.domain.topology.TopologyConfig;
import java.time.Duration;
import java.util.Map;

/**
 * What an instance needs of the delivery guarantee: whether tuple trees are tracked (ATLEAST_ONCE, or Heron's
 * {@code topology.enable.acking}), after how long a pending root fails, and how many roots a spout task may have
 * pending ({@code topology.max.spout.pending}, unbounded when unset; it applies only when tracking).
 */
record Reliability(boolean tracking, long timeoutNanos, int maxPending) {
    /** Heron's default {@code topology.message.timeout.secs}. */
    static final int DEFAULT_TIMEOUT_SECS = 30;

    static final Reliability AT_MOST_ONCE = new Reliability(false, Long.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * @param topologyConfig the topology's config, which sets the mode
     * @param instanceConfig the instance's effective config (topology and component), which may set the timeout and
     *     the pending bound per component
     */
    static Reliability of(Map<String, String> topologyConfig, Map<String, String> instanceConfig) {
        if (ReliabilityMode.of(new TopologyConfig(topologyConfig)) != ReliabilityMode.ATLEAST_ONCE) {
            return AT_MOST_ONCE;
        }
        TopologyConfig config = new TopologyConfig(instanceConfig);
        int timeout = config.getInt(TopologyConfig.MESSAGE_TIMEOUT_SECS).orElse(DEFAULT_TIMEOUT_SECS);
        int maxPending = config.getInt(TopologyConfig.MAX_SPOUT_PENDING).orElse(Integer.MAX_VALUE);
        return new Reliability(
                true,
                Duration.ofSeconds(Math.max(1, timeout)).toNanos(),
                maxPending < 1 ? Integer.MAX_VALUE : maxPending);
    }
}
