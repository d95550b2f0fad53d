package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.RestartCommand;
import io.egret.ports.in.RestartTopologyUseCase;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code heron restart}: restarts one container or the whole topology. Everything that could refuse (lifecycle
 * state, scheduler capability, container id) is checked before anything changes. Restarting the topology master's
 * container first removes its recorded location, so that nobody talks to the old master while the new one starts.
 */
public final class RestartTopologyService implements RestartTopologyUseCase {
    /** The container that runs the topology master; it is never in a packing plan. */
    static final int TOPOLOGY_MASTER_CONTAINER = 0;

    private final StateStorePort stateStore;
    private final SchedulerPort scheduler;
    private final ProgressPort progress;
    private final Clock clock;

    @Inject
    public RestartTopologyService(
            StateStorePort stateStore, SchedulerPort scheduler, ProgressPort progress, Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public LifecycleResult restart(RestartCommand command) {
        requireNonNull(command, "command is null");
        StoredTopology stored = StoredState.readComplete(stateStore, command.name(), command.target());
        ExecutionState executionState = stored.executionState().orElseThrow();
        Lifecycle.checkRestartable(executionState);
        checkCapability(command.containerId(), capabilities(), command);
        if (command.containerId().isPresent()) {
            checkContainer(
                    command.containerId().getAsInt(), stored.packingPlan().orElseThrow(), command);
        }
        TopologyHandle handle = StoredState.handle(executionState, stored);
        if (command.dryRun()) {
            return new LifecycleResult(
                    executionState, false, true, scheduler.previewRestart(handle, command.containerId()));
        }

        Saga saga = new Saga("restart", "topology '" + command.name() + "'", progress, clock);
        try {
            boolean restartsMaster =
                    command.containerId().isEmpty() || command.containerId().getAsInt() == TOPOLOGY_MASTER_CONTAINER;
            Optional<TopologyMasterLocation> masterLocation = stored.topologyMaster();
            if (restartsMaster && masterLocation.isPresent()) {
                saga.step(
                        "forget topology master location",
                        () -> stateStore.deleteTopologyMasterLocation(command.name()));
                saga.onFailure(
                        "forget topology master location",
                        "a missing topology master location (the master records it again when it restarts)",
                        () -> restoreMasterLocation(command, masterLocation.get()));
            }
            saga.step("restart", () -> scheduler.restart(handle, command.containerId()));
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return new LifecycleResult(executionState, true, false);
    }

    private SchedulerCapabilities capabilities() {
        try {
            return scheduler.capabilities();
        } catch (RuntimeException failure) {
            throw Saga.wrap("reading the scheduler's capabilities failed", failure);
        }
    }

    private static void checkCapability(
            OptionalInt containerId, SchedulerCapabilities capabilities, RestartCommand command) {
        if (containerId.isEmpty() && !capabilities.restartTopology()) {
            throw EgretException.userError(
                    "the scheduler of " + command.target().cluster()
                            + " cannot restart a whole topology (capability restartTopology); restart one container at a time"
                            + " with 'heron restart " + command.target() + " " + command.name() + " CONTAINER'");
        }
        if (containerId.isPresent() && !capabilities.restartContainer()) {
            throw EgretException.userError(
                    "the scheduler of " + command.target().cluster()
                            + " cannot restart a single container (capability restartContainer); restart the whole topology"
                            + " with 'heron restart " + command.target() + " " + command.name() + "'");
        }
    }

    private static void checkContainer(int containerId, PackingPlan packingPlan, RestartCommand command) {
        if (containerId == TOPOLOGY_MASTER_CONTAINER
                || packingPlan.container(containerId).isPresent()) {
            return;
        }
        List<Integer> valid = new ArrayList<>();
        valid.add(TOPOLOGY_MASTER_CONTAINER);
        packingPlan.containers().stream().map(ContainerPlan::id).forEach(valid::add);
        throw EgretException.notFound("topology '" + command.name() + "' has no container " + containerId
                + "; valid containers are " + valid + " (0 runs the topology master)");
    }

    /** Puts the old location back unless the master has already recorded a new one. */
    private void restoreMasterLocation(RestartCommand command, TopologyMasterLocation location) {
        Optional<StoredTopology> now = stateStore.read(command.name());
        if (now.isPresent() && now.get().topologyMaster().isEmpty()) {
            stateStore.putTopologyMasterLocation(command.name(), location);
        }
    }
}
