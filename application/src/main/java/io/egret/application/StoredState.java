package io.egret.application;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What the services need to say about a topology's stored records; shared so that messages read the same. */
final class StoredState {
    private StoredState() {}

    /** Reads the records of a topology, or refuses with NOT_FOUND when there are none. */
    static StoredTopology readExisting(StateStorePort stateStore, TopologyName name, ClusterTarget target) {
        Optional<StoredTopology> stored;
        try {
            stored = stateStore.read(name);
        } catch (RuntimeException failure) {
            throw new EgretException(
                    Saga.codeOf(failure),
                    "reading the state of topology '" + name + "' failed: " + Saga.oneLine(failure),
                    failure);
        }
        return stored.orElseThrow(() -> EgretException.notFound("topology '" + name + "' does not exist on " + target));
    }

    /**
     * Reads a topology that a command changes or reports on: every record it needs must be there. Partial state
     * is stale, left by a failure, and the operator is told how to clean it.
     */
    static StoredTopology readComplete(StateStorePort stateStore, TopologyName name, ClusterTarget target) {
        StoredTopology stored = readExisting(stateStore, name, target);
        stored.executionState().ifPresent(executionState -> requireTarget(executionState, target));
        if (!stored.isComplete()) {
            throw EgretException.conflict("topology '" + name + "' has only partial state ("
                    + describeNodes(stored) + "), left by an earlier failure; run '" + killCommand(target, name)
                    + "' to clean it up");
        }
        return stored;
    }

    /** Refuses a command aimed at another cluster/role/environ than where the topology runs. */
    static void requireTarget(ExecutionState executionState, ClusterTarget target) {
        if (!executionState.target().equals(target)) {
            throw EgretException.userError("topology '" + executionState.name() + "' runs on " + executionState.target()
                    + ", not on " + target + "; use " + executionState.target());
        }
    }

    /** The records that exist, by Heron's node names. */
    static Set<StateNode> nodes(StoredTopology stored) {
        Set<StateNode> nodes = EnumSet.noneOf(StateNode.class);
        stored.definition().ifPresent(present -> nodes.add(StateNode.TOPOLOGY));
        stored.packingPlan().ifPresent(present -> nodes.add(StateNode.PACKING_PLAN));
        stored.executionState().ifPresent(present -> nodes.add(StateNode.EXECUTION_STATE));
        stored.physicalPlan().ifPresent(present -> nodes.add(StateNode.PHYSICAL_PLAN));
        stored.topologyMaster().ifPresent(present -> nodes.add(StateNode.TOPOLOGY_MASTER));
        stored.scheduler().ifPresent(present -> nodes.add(StateNode.SCHEDULER));
        return nodes;
    }

    static String describeNodes(StoredTopology stored) {
        Set<StateNode> nodes = nodes(stored);
        String readable = nodes.isEmpty()
                ? "no readable records"
                : "records " + nodes.stream().map(StateNode::directory).collect(Collectors.joining(", "));
        if (stored.damaged().isEmpty()) {
            return nodes.isEmpty() ? "no records" : readable;
        }
        return readable + "; damaged records "
                + stored.damaged().keySet().stream()
                        .map(StateNode::directory)
                        .sorted()
                        .collect(Collectors.joining(", "));
    }

    /**
     * The incarnation the records belong to. Without an execution state the id comes from whatever other record
     * carries one; a topology with none of them is addressed by its name, which is how schedulers name jobs.
     */
    static TopologyId topologyId(StoredTopology stored) {
        if (stored.executionState().isPresent()) {
            return stored.executionState().get().id();
        }
        if (stored.topologyMaster().isPresent()) {
            return stored.topologyMaster().get().topologyId();
        }
        if (stored.physicalPlan().isPresent()) {
            return stored.physicalPlan().get().topologyId();
        }
        return TopologyId.of(stored.name().value());
    }

    /** How a scheduler finds the topology, for a command aimed at {@code target}. */
    static TopologyHandle handle(StoredTopology stored, ClusterTarget target) {
        ClusterTarget recorded =
                stored.executionState().map(ExecutionState::target).orElse(target);
        return new TopologyHandle(stored.name(), topologyId(stored), recorded, stored.scheduler());
    }

    static TopologyHandle handle(ExecutionState executionState, StoredTopology stored) {
        return new TopologyHandle(
                executionState.name(), executionState.id(), executionState.target(), stored.scheduler());
    }

    /** The command that cleans up whatever a topology left behind. */
    static String killCommand(ClusterTarget target, TopologyName name) {
        return "heron kill " + target + " " + name;
    }
}
