package io.egret.adapters.mesos.framework;

import io.egret.adapters.mesos.matching.Demand;
import io.egret.ports.out.ContainerStatus;

/** One container as the framework tracks it: its demand, its current task and what is meant to happen to it. */
final class ContainerTask {
    /** What the framework wants for the container besides running it. */
    enum Intent {
        RUN,
        RESTART,
        REMOVE,
        KILL
    }

    final int id;
    final Demand demand;
    ContainerStatus.Phase phase = ContainerStatus.Phase.PENDING;
    Intent intent = Intent.RUN;
    int attempt;
    String taskId;
    String agentId;
    String detail = "waiting for an offer";
    int failuresInRow;
    int restarts;
    long notBeforeNanos;
    long runningSinceNanos;

    ContainerTask(int id, Demand demand) {
        this.id = id;
        this.demand = demand;
    }

    boolean hasTask() {
        return taskId != null;
    }

    boolean isLaunchable(long now) {
        return phase == ContainerStatus.Phase.PENDING
                && intent == Intent.RUN
                && !hasTask()
                && now - notBeforeNanos >= 0;
    }

    ContainerStatus status() {
        return new ContainerStatus(id, phase, phase == ContainerStatus.Phase.RUNNING ? "" : detail, restarts);
    }
}
