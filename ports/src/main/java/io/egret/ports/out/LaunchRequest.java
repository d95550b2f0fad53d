package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.TopologyDefinition;

/** Everything a launcher needs to start a topology whose state is already recorded. */
public record LaunchRequest(
        TopologyDefinition definition,
        PackingPlan packingPlan,
        ExecutionState executionState,
        UploadedPackage topologyPackage) {
    public LaunchRequest {
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(executionState, "executionState is null");
        requireNonNull(topologyPackage, "topologyPackage is null");
    }
}
