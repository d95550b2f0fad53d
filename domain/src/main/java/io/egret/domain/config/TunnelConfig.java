package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When and how to reach a host through an SSH jump host: one for the state manager ({@code heron.statemgr.*}),
 * one for topology managers ({@code heron.scheduler.*}).
 *
 * @param needed tunnel when the target is not directly reachable
 * @param host the jump host, {@code user@host}
 * @param connectionTimeout timeout of one direct probe
 * @param connectionRetryCount direct probes before tunnelling
 * @param retryInterval pause between probes
 * @param verifyCount probes to verify a new tunnel
 */
public record TunnelConfig(
        boolean needed,
        String host,
        Duration connectionTimeout,
        int connectionRetryCount,
        Duration retryInterval,
        int verifyCount) {
    public TunnelConfig {
        requireNonNull(host, "host is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(retryInterval, "retryInterval is null");
        if (connectionRetryCount < 1 || verifyCount < 1) {
            throw new IllegalArgumentException("tunnel probe counts must be at least 1");
        }
    }

    public static TunnelConfig forStateManager(EffectiveConfig config) {
        return new TunnelConfig(
                config.booleanValue(ConfigKey.STATE_MANAGER_TUNNEL_NEEDED),
                config.required(ConfigKey.STATE_MANAGER_TUNNEL_HOST),
                config.millis(ConfigKey.STATE_MANAGER_TUNNEL_CONNECTION_TIMEOUT),
                config.intValue(ConfigKey.STATE_MANAGER_TUNNEL_RETRY_COUNT, 1),
                config.millis(ConfigKey.STATE_MANAGER_TUNNEL_RETRY_INTERVAL),
                config.intValue(ConfigKey.STATE_MANAGER_TUNNEL_VERIFY_COUNT, 1));
    }

    public static TunnelConfig forScheduler(EffectiveConfig config) {
        return new TunnelConfig(
                config.booleanValue(ConfigKey.SCHEDULER_TUNNEL_NEEDED),
                config.required(ConfigKey.SCHEDULER_TUNNEL_HOST),
                config.millis(ConfigKey.SCHEDULER_TUNNEL_CONNECTION_TIMEOUT),
                config.intValue(ConfigKey.SCHEDULER_TUNNEL_RETRY_COUNT, 1),
                config.millis(ConfigKey.SCHEDULER_TUNNEL_RETRY_INTERVAL),
                config.intValue(ConfigKey.SCHEDULER_TUNNEL_VERIFY_COUNT, 1));
    }
}
