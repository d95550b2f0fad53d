package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.in.TopologyStatus;
import io.egret.ports.in.TopologyStatusUseCase;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TopologyRuntimeStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code heron status}: the recorded state, the scheduler's view of each container and the topology master's view
 * of the running topology. Status is what an operator runs when something is wrong, so a scheduler or master that
 * does not answer is reported as a problem line rather than failing the whole command.
 */
public final class TopologyStatusService implements TopologyStatusUseCase {
    private final StateStorePort stateStore;
    private final SchedulerPort scheduler;
    private final TopologyControlPort topologyControl;
    private final ProgressPort progress;
    private final Clock clock;

    @Inject
    public TopologyStatusService(
            StateStorePort stateStore,
            SchedulerPort scheduler,
            TopologyControlPort topologyControl,
            ProgressPort progress,
            Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.topologyControl = requireNonNull(topologyControl, "topologyControl is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public TopologyStatus status(TopologyCommand command) {
        requireNonNull(command, "command is null");
        StoredTopology stored = StoredState.readComplete(stateStore, command.name(), command.target());
        ExecutionState executionState = stored.executionState().orElseThrow();
        List<String> problems = new ArrayList<>();
        // Reported as steps because a cluster manager or master that does not answer takes until its timeout.
        Saga saga = new Saga("status", "topology '" + command.name() + "'", progress, clock);

        List<ContainerStatus> containers = List.of();
        try {
            containers = saga.step("ask scheduler", () -> scheduler.status(StoredState.handle(executionState, stored)));
        } catch (RuntimeException failure) {
            problems.add("the scheduler did not report the containers: " + Saga.oneLine(failure));
        }

        Optional<TopologyRuntimeStatus> runtime = Optional.empty();
        Optional<TopologyMasterLocation> master = stored.topologyMaster();
        if (master.isEmpty()) {
            problems.add("the topology master has not registered yet");
        } else if (!master.get().topologyId().equals(executionState.id())) {
            problems.add("the recorded topology master belongs to an earlier incarnation ("
                    + master.get().topologyId() + "); the current one has not registered yet");
        } else {
            try {
                runtime = Optional.of(saga.step("ask topology master", () -> topologyControl.status(master.get())));
            } catch (RuntimeException failure) {
                problems.add("the topology master at " + master.get().controllerEndpoint() + " did not answer: "
                        + Saga.oneLine(failure));
            }
        }
        List<String> jobLinks = scheduler.jobLinks(StoredState.handle(executionState, stored));
        return new TopologyStatus(
                executionState, stored.packingPlan().orElseThrow(), containers, runtime, problems, jobLinks);
    }
}
