package io.egret.domain.lifecycle;

/**
 * Where a topology is in its life: {@code SUBMITTING -> RUNNING <-> PAUSED -> KILLING -> (gone)}. Updating is a
 * sub-state recorded beside the state (see {@link ExecutionState#update()}), because an update starts from and
 * returns to RUNNING or PAUSED.
 */
public enum TopologyState {
    SUBMITTING,
    RUNNING,
    PAUSED,
    KILLING
}
