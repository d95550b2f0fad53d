package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A typed view over a topology's config, under the keys Heron's topology authors and operators know. Values are
 * strings as the author's {@code Config} stores them; parsing errors name the key.
 */
public record TopologyConfig(Map<String, String> values) {
    public static final String STMGRS = "topology.stmgrs";
    public static final String CONTAINER_CPU = "topology.container.cpu";
    public static final String CONTAINER_RAM = "topology.container.ram";
    public static final String CONTAINER_DISK = "topology.container.disk";
    public static final String CONTAINER_PADDING_PERCENTAGE = "topology.container.padding.percentage";
    public static final String CONTAINER_RAM_PADDING = "topology.container.ram.padding";
    public static final String CONTAINER_CPU_PADDING = "topology.container.cpu.padding";
    public static final String CONTAINER_MAX_INSTANCES = "topology.container.max.instances";
    public static final String COMPONENT_RAMMAP = "topology.component.rammap";
    public static final String COMPONENT_CPUMAP = "topology.component.cpumap";
    public static final String COMPONENT_DISKMAP = "topology.component.diskmap";
    public static final String FFD_SORTING_STRATEGY = "topology.packing.ffd.sorting.strategy";
    public static final String STMGR_RAM = "topology.stmgr.ram";
    public static final String METRICSMGR_RAM = "topology.metricsmgr.ram";
    public static final String RELIABILITY_MODE = "topology.reliability.mode";
    public static final String UPDATE_DEACTIVATE_WAIT_SECS = "topology.update.deactivate.wait.secs";
    public static final String UPDATE_REACTIVATE_WAIT_SECS = "topology.update.reactivate.wait.secs";
    public static final String MESSAGE_TIMEOUT_SECS = "topology.message.timeout.secs";
    public static final String MAX_SPOUT_PENDING = "topology.max.spout.pending";
    /** Heron's older switch for at-least-once: {@code true} means ATLEAST_ONCE when the mode is unset. */
    public static final String ENABLE_ACKING = "topology.enable.acking";
    /** Seconds between tick tuples to each bolt instance; topology-wide, or per component in its config. */
    public static final String TICK_TUPLE_FREQ_SECS = "topology.tick.tuple.freq.secs";

    public TopologyConfig {
        values = Map.copyOf(requireNonNull(values, "values is null"));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public OptionalInt getInt(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw EgretException.userError("topology config " + key + " must be a whole number, got '" + value + "'");
        }
    }

    public OptionalDouble getDouble(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw EgretException.userError("topology config " + key + " must be a number, got '" + value + "'");
        }
    }

    /**
     * A byte amount. Heron writes container hints as {@code -1} for "unspecified"; that reads as empty here.
     */
    public Optional<ByteAmount> getBytes(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long bytes = Long.parseLong(value.trim());
            return bytes < 0 ? Optional.empty() : Optional.of(ByteAmount.ofBytes(bytes));
        } catch (NumberFormatException e) {
            throw EgretException.userError(
                    "topology config " + key + " must be a number of bytes, got '" + value + "'");
        }
    }

    /** Container count requested by the author ({@code topology.stmgrs}), default 1. */
    public int streamManagers() {
        return getInt(STMGRS).orElse(1);
    }

    /** Parses a Heron {@code component:value,component:value} map such as {@code topology.component.rammap}. */
    public Map<String, String> componentMap(String key) {
        String value = values.get(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw EgretException.userError(
                        "topology config " + key + " entry '" + trimmed + "' must look like component:value");
            }
            result.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return result;
    }

    public Optional<ByteAmount> componentRam(String component) {
        return Optional.ofNullable(componentMap(COMPONENT_RAMMAP).get(component))
                .map(value -> parseBytes(COMPONENT_RAMMAP, component, value));
    }

    public Optional<ByteAmount> componentDisk(String component) {
        return Optional.ofNullable(componentMap(COMPONENT_DISKMAP).get(component))
                .map(value -> parseBytes(COMPONENT_DISKMAP, component, value));
    }

    public OptionalDouble componentCpu(String component) {
        String value = componentMap(COMPONENT_CPUMAP).get(component);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw EgretException.userError("topology config " + COMPONENT_CPUMAP + " value for '" + component
                    + "' must be a number, got '" + value + "'");
        }
    }

    private static ByteAmount parseBytes(String key, String component, String value) {
        try {
            return ByteAmount.ofBytes(Long.parseLong(value.trim()));
        } catch (IllegalArgumentException e) {
            throw EgretException.userError("topology config " + key + " value for '" + component
                    + "' must be a number of bytes, got '" + value + "'");
        }
    }
}
