package io.egret.api;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ReliabilityMode;
import io.egret.domain.topology.TopologyConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Topology settings, stored under Heron's {@code topology.*} keys so that configs written for Heron keep their
 * meaning. Not thread-safe: build it in the topology's main method and pass it to
 * {@link TopologySubmitter#submitTopology}.
 */
public final class Config {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> componentRam = new LinkedHashMap<>();
    private final Map<String, String> componentCpu = new LinkedHashMap<>();
    private final Map<String, String> componentDisk = new LinkedHashMap<>();
    private final Map<String, Integer> componentParallelism = new LinkedHashMap<>();

    /** Number of containers (stream managers) to spread the instances over: {@code topology.stmgrs}. */
    public Config setNumStmgrs(int containers) {
        if (containers < 1) {
            throw new IllegalArgumentException("the number of containers must be at least 1, got " + containers);
        }
        return put(TopologyConfig.STMGRS, Integer.toString(containers));
    }

    /** RAM each container requests: {@code topology.container.ram}. */
    public Config setContainerRamRequested(ByteAmount ram) {
        return put(
                TopologyConfig.CONTAINER_RAM,
                Long.toString(requireNonNull(ram, "ram is null").bytes()));
    }

    /** CPU cores each container requests: {@code topology.container.cpu}. */
    public Config setContainerCpuRequested(double cpu) {
        return put(TopologyConfig.CONTAINER_CPU, formatCpu(cpu));
    }

    /** Disk each container requests: {@code topology.container.disk}. */
    public Config setContainerDiskRequested(ByteAmount disk) {
        return put(
                TopologyConfig.CONTAINER_DISK,
                Long.toString(requireNonNull(disk, "disk is null").bytes()));
    }

    /** RAM for each instance of a component: an entry of {@code topology.component.rammap}. */
    public Config setComponentRam(String component, ByteAmount ram) {
        componentRam.put(
                checkComponent(component),
                Long.toString(requireNonNull(ram, "ram is null").bytes()));
        return this;
    }

    /** CPU cores for each instance of a component: an entry of {@code topology.component.cpumap}. */
    public Config setComponentCpu(String component, double cpu) {
        componentCpu.put(checkComponent(component), formatCpu(cpu));
        return this;
    }

    /** Disk for each instance of a component: an entry of {@code topology.component.diskmap}. */
    public Config setComponentDisk(String component, ByteAmount disk) {
        componentDisk.put(
                checkComponent(component),
                Long.toString(requireNonNull(disk, "disk is null").bytes()));
        return this;
    }

    /**
     * Overrides the parallelism given to {@link TopologyBuilder#setSpout} or {@link TopologyBuilder#setBolt} for
     * one component, so that a main method can take parallelism from its arguments without rebuilding.
     */
    public Config setComponentParallelism(String component, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism of '" + component + "' must be at least 1, got " + parallelism);
        }
        componentParallelism.put(checkComponent(component), parallelism);
        return this;
    }

    /**
     * Most tracked tuples a spout instance may have in flight ({@code topology.max.spout.pending}):
     * {@link Spout#nextTuple()} is not called while that many are pending. Applies in {@code ATLEAST_ONCE} mode.
     */
    public Config setMaxSpoutPending(int pending) {
        return put(TopologyConfig.MAX_SPOUT_PENDING, Integer.toString(pending));
    }

    /**
     * The delivery guarantee: {@code topology.reliability.mode}. {@code ATLEAST_ONCE} tracks tuples emitted with a
     * message id and replays what fails; {@code EFFECTIVELY_ONCE} is refused at submit (not available yet).
     */
    public Config setTopologyReliabilityMode(ReliabilityMode mode) {
        return put(
                TopologyConfig.RELIABILITY_MODE,
                requireNonNull(mode, "mode is null").name());
    }

    /**
     * Heron's older switch, {@code topology.enable.acking}: {@code true} means {@code ATLEAST_ONCE} unless
     * {@link #setTopologyReliabilityMode} says otherwise.
     */
    public Config setEnableAcking(boolean acking) {
        return put(TopologyConfig.ENABLE_ACKING, Boolean.toString(acking));
    }

    /** Seconds a tracked tuple's tree may take before its spout tuple fails: {@code topology.message.timeout.secs}. */
    public Config setMessageTimeoutSecs(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("the message timeout must be at least 1 second, got " + seconds);
        }
        return put(TopologyConfig.MESSAGE_TIMEOUT_SECS, Integer.toString(seconds));
    }

    /**
     * Seconds between tick tuples sent to every bolt instance: {@code topology.tick.tuple.freq.secs}. A bolt's own
     * {@link TopologyBuilder.BoltDeclarer#setTickTupleFrequency} wins.
     */
    public Config setTickTupleFrequency(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("the tick tuple frequency must be at least 1 second, got " + seconds);
        }
        return put(TopologyConfig.TICK_TUPLE_FREQ_SECS, Integer.toString(seconds));
    }

    /** Sets any topology config key. Component maps set through their own setters win over raw keys. */
    public Config put(String key, String value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        values.put(key, value);
        return this;
    }

    /** The parallelism overrides, component name to parallelism. */
    public Map<String, Integer> componentParallelism() {
        return Map.copyOf(componentParallelism);
    }

    /** Everything set so far, as Heron's config keys and string values. */
    public Map<String, String> toMap() {
        Map<String, String> result = new LinkedHashMap<>(values);
        putComponentMap(result, TopologyConfig.COMPONENT_RAMMAP, componentRam);
        putComponentMap(result, TopologyConfig.COMPONENT_CPUMAP, componentCpu);
        putComponentMap(result, TopologyConfig.COMPONENT_DISKMAP, componentDisk);
        return result;
    }

    private static void putComponentMap(Map<String, String> result, String key, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(entry.getKey()).append(':').append(entry.getValue());
        }
        result.put(key, joined.toString());
    }

    private static String checkComponent(String component) {
        requireNonNull(component, "component is null");
        if (component.isBlank() || component.contains(",") || component.contains(":")) {
            throw new IllegalArgumentException(
                    "component name '" + component + "' must be non-blank without ',' or ':'");
        }
        return component;
    }

    private static String formatCpu(double cpu) {
        if (!(cpu > 0) || Double.isInfinite(cpu)) {
            throw new IllegalArgumentException("cpu must be a positive number, got " + cpu);
        }
        return String.format(Locale.ROOT, "%s", cpu);
    }
}
