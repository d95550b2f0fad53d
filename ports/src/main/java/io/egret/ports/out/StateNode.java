package io.egret.ports.out;

/**
 * The per-topology records a state store keeps, under Heron's directory names so that operators' tools and
 * habits (and {@code heron.statemgr.root.path} layouts) carry over.
 */
public enum StateNode {
    TOPOLOGY("topologies"),
    PACKING_PLAN("packingplans"),
    EXECUTION_STATE("executionstate"),
    PHYSICAL_PLAN("pplans"),
    TOPOLOGY_MASTER("tmanagers"),
    SCHEDULER("schedulers"),
    LOCKS("locks");

    private final String directory;

    StateNode(String directory) {
        this.directory = directory;
    }

    /** The directory (or znode) name under the state root. */
    public String directory() {
        return directory;
    }
}
