package io.egret.domain.topology;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Heron's {@code topology.reliability.mode}. {@code ATMOST_ONCE} tracks nothing; {@code ATLEAST_ONCE} tracks each
 * spout tuple's tree and replays what fails or times out; {@code EFFECTIVELY_ONCE} needs checkpointing that does
 * not exist yet, so a topology asking for it is refused before anything is packed or written rather than run with
 * a weaker guarantee than it asked for.
 */
public enum ReliabilityMode {
    ATMOST_ONCE,
    ATLEAST_ONCE,
    EFFECTIVELY_ONCE;

    /**
     * The mode a topology's config asks for. When {@code topology.reliability.mode} is unset, Heron's older
     * {@code topology.enable.acking: true} means {@code ATLEAST_ONCE}; otherwise {@code ATMOST_ONCE}, as in Heron.
     *
     * @throws EgretException {@code USER_ERROR} for a value Heron does not know
     */
    public static ReliabilityMode of(TopologyConfig config) {
        String value = config.get(TopologyConfig.RELIABILITY_MODE).orElse("").trim();
        if (value.isEmpty()) {
            String acking = config.get(TopologyConfig.ENABLE_ACKING).orElse("").trim();
            if (acking.isEmpty() || acking.equalsIgnoreCase("false")) {
                return ATMOST_ONCE;
            }
            if (acking.equalsIgnoreCase("true")) {
                return ATLEAST_ONCE;
            }
            throw EgretException.userError(
                    "topology config " + TopologyConfig.ENABLE_ACKING + " must be true or false, got '" + acking + "'");
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EgretException.userError("topology config " + TopologyConfig.RELIABILITY_MODE + " must be one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ", got '" + value
                    + "'");
        }
    }

    /**
     * Refuses a mode this build cannot honour, naming the topology and what to do instead.
     *
     * @throws EgretException {@code USER_ERROR} for {@code EFFECTIVELY_ONCE}
     */
    public static ReliabilityMode requireAvailable(TopologyDefinition topology) {
        ReliabilityMode mode = of(new TopologyConfig(topology.config()));
        return switch (mode) {
            case ATMOST_ONCE, ATLEAST_ONCE -> mode;
            case EFFECTIVELY_ONCE ->
                throw EgretException.userError("topology '" + topology.name() + "' asks for "
                        + TopologyConfig.RELIABILITY_MODE + " EFFECTIVELY_ONCE, which is not available yet in Egret"
                        + " (no stateful checkpoints); remove it or use ATMOST_ONCE");
        };
    }
}
