package io.egret.ports.out;

/**
 * Which operations a scheduler supports, declared up front so that an unsupported operation is refused before
 * anything changes.
 */
public record SchedulerCapabilities(
        boolean restartTopology, boolean restartContainer, boolean addContainers, boolean removeContainers) {

    public static SchedulerCapabilities all() {
        return new SchedulerCapabilities(true, true, true, true);
    }

    public boolean scales() {
        return addContainers && removeContainers;
    }
}
