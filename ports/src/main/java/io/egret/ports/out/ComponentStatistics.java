package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

/** Tuple counts of one component, summed over its instances, since the topology master started. */
public record ComponentStatistics(String component, int instances, long emitted, long executed) {
    public ComponentStatistics {
        requireNonNull(component, "component is null");
    }
}
