package io.egret.adapters.zookeeper.curator;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import java.util.List;

/** Heron's znode layout under {@code heron.statemgr.root.path}: {@code <root>/<directory>/<topology>}. */
record StatePaths(String root) {
    /** The nodes that hold records, in the order Heron lists them (the topology first). */
    static final List<StateNode> RECORD_NODES = List.of(
            StateNode.TOPOLOGY,
            StateNode.PACKING_PLAN,
            StateNode.EXECUTION_STATE,
            StateNode.PHYSICAL_PLAN,
            StateNode.TOPOLOGY_MASTER,
            StateNode.SCHEDULER);

    /** Heron's suffix of a topology's update lock under {@code locks/}. */
    static final String UPDATE_LOCK_SUFFIX = "__updateTopology";

    StatePaths {
        requireNonNull(root, "root is null");
    }

    String directory(StateNode node) {
        return (root.equals("/") ? "" : root) + "/" + node.directory();
    }

    String record(StateNode node, TopologyName name) {
        return directory(node) + "/" + name.value();
    }

    String updateLock(TopologyName name) {
        return directory(StateNode.LOCKS) + "/" + name.value() + UPDATE_LOCK_SUFFIX;
    }

    /** The kind an envelope of this node carries, the same as in every Egret state store. */
    static String kind(StateNode node) {
        return switch (node) {
            case TOPOLOGY -> "topology";
            case PACKING_PLAN -> "packingplan";
            case EXECUTION_STATE -> "executionstate";
            case PHYSICAL_PLAN -> "physicalplan";
            case TOPOLOGY_MASTER -> "tmanager";
            case SCHEDULER -> "scheduler";
            case LOCKS -> throw new IllegalArgumentException("locks hold no records");
        };
    }
}
