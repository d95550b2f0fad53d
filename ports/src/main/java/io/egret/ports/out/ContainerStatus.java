package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

/**
 * A container as its scheduler sees it.
 *
 * @param detail why it is pending or failed, in the cluster manager's words; empty when running
 * @param restarts how many times the scheduler restarted it
 */
public record ContainerStatus(int containerId, Phase phase, String detail, int restarts) {
    public ContainerStatus {
        requireNonNull(phase, "phase is null");
        requireNonNull(detail, "detail is null");
    }

    /** A container's phase. */
    public enum Phase {
        PENDING,
        STARTING,
        RUNNING,
        FAILED,
        FINISHED
    }
}
