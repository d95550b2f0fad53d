package io.egret.ports.out;

import io.egret.domain.packing.ContainerPlan;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Controls a launched topology's containers through its cluster manager. Every method is safe to repeat.
 */
public interface SchedulerPort {

    /** What this scheduler supports; callers check before changing anything. */
    SchedulerCapabilities capabilities();

    /**
     * Kills every container and returns once nothing of the topology runs any more. A topology that is already
     * gone counts as killed.
     *
     * @param timeout how long to wait for the containers to go away
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the cluster manager cannot be reached,
     *     {@code INTERNAL} naming what still runs when the timeout passes
     */
    void kill(TopologyHandle topology, Duration timeout);

    /**
     * Restarts one container, or every container when {@code containerId} is empty.
     *
     * @throws io.egret.domain.error.EgretException {@code NOT_FOUND} for an unknown container id
     */
    void restart(TopologyHandle topology, OptionalInt containerId);

    /**
     * Starts new containers for the given plans and returns once the cluster manager accepted them.
     *
     * @throws io.egret.domain.error.EgretException {@code CONFLICT} if a container id is already in use
     */
    void addContainers(TopologyHandle topology, Set<ContainerPlan> containers);

    /** Stops the given containers and returns once they are gone; containers already gone are fine. */
    void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers);

    /** Each container's phase as the cluster manager reports it, container 0 included, ordered by id. */
    List<ContainerStatus> status(TopologyHandle topology);

    /**
     * Links to the topology's job in the cluster manager's UI (Heron's {@code getJobLinks}), from config alone: the
     * cluster manager is not contacted. Empty when there are none.
     */
    default List<String> jobLinks(TopologyHandle topology) {
        return List.of();
    }

    /**
     * For a dry run, the exact commands {@link #kill} would run on the cluster manager, one a line; nothing runs
     * and the cluster manager is not contacted. Empty when the scheduler has no commands to show.
     */
    default List<String> previewKill(TopologyHandle topology) {
        return List.of();
    }

    /** For a dry run, the commands {@link #restart} would run; see {@link #previewKill}. */
    default List<String> previewRestart(TopologyHandle topology, OptionalInt containerId) {
        return List.of();
    }

    /**
     * For a dry run, the commands an update would run to add and remove containers; see {@link #previewKill}.
     */
    default List<String> previewUpdate(TopologyHandle topology, Set<ContainerPlan> added, Set<ContainerPlan> removed) {
        return List.of();
    }
}
