package io.egret.ports.in;

/** How long {@code submit} waits before it returns. */
public enum WaitCondition {
    /** Return once the state is recorded and the cluster manager accepted the launch. */
    SUBMITTED,
    /** Return once the topology master reports every container. */
    RUNNING
}
