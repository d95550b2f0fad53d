package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a state store holds for one topology name, read in one call. Any subset may be missing: a crash
 * in another process can leave partial state, and every command has to cope with it.
 *
 * @param damaged records that exist but cannot be read (truncated, garbage, another record's kind), with why;
 *     such a record is also absent from its field, so the topology reads as partial state that a kill cleans up
 */
public record StoredTopology(
        TopologyName name,
        Optional<TopologyDefinition> definition,
        Optional<PackingPlan> packingPlan,
        Optional<ExecutionState> executionState,
        Optional<SchedulerLocation> scheduler,
        Optional<TopologyMasterLocation> topologyMaster,
        Optional<PhysicalPlan> physicalPlan,
        Map<StateNode, String> damaged) {

    /** Records as read, none of them damaged. */
    public StoredTopology(
            TopologyName name,
            Optional<TopologyDefinition> definition,
            Optional<PackingPlan> packingPlan,
            Optional<ExecutionState> executionState,
            Optional<SchedulerLocation> scheduler,
            Optional<TopologyMasterLocation> topologyMaster,
            Optional<PhysicalPlan> physicalPlan) {
        this(name, definition, packingPlan, executionState, scheduler, topologyMaster, physicalPlan, Map.of());
    }

    public StoredTopology {
        requireNonNull(name, "name is null");
        damaged = Map.copyOf(requireNonNull(damaged, "damaged is null"));
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(executionState, "executionState is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(topologyMaster, "topologyMaster is null");
        requireNonNull(physicalPlan, "physicalPlan is null");
    }

    /** True when the topology, its packing plan and its execution state are all there. */
    public boolean isComplete() {
        return definition.isPresent() && packingPlan.isPresent() && executionState.isPresent();
    }
}
