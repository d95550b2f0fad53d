package io.egret.domain.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.TopologyId;
import java.util.Comparator;
import java.util.List;

/**
 * What the topology master published once every container's stream manager registered: the packing plan it
 * serves, where each stream manager is, and whether spouts are emitting. A new version replaces the old one
 * whenever a container rejoins or the plan changes.
 */
public record PhysicalPlan(
        TopologyId topologyId,
        long version,
        TopologyState state,
        PackingPlan packingPlan,
        List<StreamManagerLocation> streamManagers) {
    public PhysicalPlan {
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(state, "state is null");
        requireNonNull(packingPlan, "packingPlan is null");
        streamManagers = requireNonNull(streamManagers, "streamManagers is null").stream()
                .sorted(Comparator.comparingInt(StreamManagerLocation::containerId))
                .toList();
    }
}
