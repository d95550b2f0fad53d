package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.KillResult;
import io.egret.ports.in.KillTopologyUseCase;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import io.egret.ports.out.UploaderPort;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code heron kill}: reconciles the topology away. Copes with any subset of records missing or damaged, finishes
 * a kill that stopped half-way, and keeps the state (marked KILLING) when the scheduler cannot confirm that nothing
 * runs, so that running kill again is always the fix. It also removes what a crashed submit leaves without any
 * record: the topology's uploaded packages and the store's locks and temporary files. A name with none of these
 * is not found.
 */
public final class KillTopologyService implements KillTopologyUseCase {
    private final StateStorePort stateStore;
    private final SchedulerPort scheduler;
    private final UploaderPort uploader;
    private final ProgressPort progress;
    private final Clock clock;
    private final TopologyKiller killer;

    @Inject
    public KillTopologyService(
            StateStorePort stateStore,
            SchedulerPort scheduler,
            UploaderPort uploader,
            ProgressPort progress,
            Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.uploader = requireNonNull(uploader, "uploader is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.killer = new TopologyKiller(stateStore, scheduler);
    }

    @Override
    public KillResult kill(KillCommand command) {
        requireNonNull(command, "command is null");
        if (command.timeout().isNegative()) {
            throw EgretException.userError("the kill timeout must not be negative, got " + command.timeout());
        }
        Optional<StoredTopology> found = read(command);
        if (found.isEmpty()) {
            return killLeftovers(command);
        }
        StoredTopology stored = found.get();
        stored.executionState()
                .ifPresent(executionState -> StoredState.requireTarget(executionState, command.target()));
        boolean stale = TopologyKiller.isStale(stored);
        Set<StateNode> removed = StoredState.nodes(stored);
        removed.addAll(stored.damaged().keySet());
        TopologyHandle handle = StoredState.handle(stored, command.target());
        List<URI> packages = storedPackages(handle, command);
        if (command.dryRun()) {
            return new KillResult(removed, stale, true, packages, false, scheduler.previewKill(handle));
        }
        Saga saga = new Saga("kill", "topology '" + command.name() + "'", progress, clock);
        saga.advice("its state is kept so that nothing is forgotten; run '"
                + StoredState.killCommand(handle.target(), command.name()) + "' again");
        try {
            killer.kill(saga, "", stored, handle, command.timeout());
            removePackages(saga, handle, packages);
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return new KillResult(removed, stale, false, packages, false);
    }

    private Optional<StoredTopology> read(KillCommand command) {
        try {
            return stateStore.read(command.name());
        } catch (RuntimeException failure) {
            throw new EgretException(
                    Saga.codeOf(failure),
                    "reading the state of topology '" + command.name() + "' failed: " + Saga.oneLine(failure),
                    failure);
        }
    }

    /**
     * No record: what a submit killed between upload and recording state leaves (packages, locks, temporary
     * files), and processes that a sandbox still records, are ended and removed all the same.
     */
    private KillResult killLeftovers(KillCommand command) {
        TopologyHandle handle = new TopologyHandle(
                command.name(), TopologyId.of(command.name().value()), command.target(), Optional.empty());
        List<URI> packages = storedPackages(handle, command);
        boolean storeLeftovers;
        try {
            storeLeftovers = stateStore.leftovers().contains(command.name());
        } catch (RuntimeException failure) {
            throw Saga.wrap("reading the state of topology '" + command.name() + "' failed", failure);
        }
        if (packages.isEmpty() && !storeLeftovers) {
            throw EgretException.notFound("topology '" + command.name() + "' does not exist on " + command.target());
        }
        if (command.dryRun()) {
            return new KillResult(Set.of(), true, true, packages, storeLeftovers, scheduler.previewKill(handle));
        }
        Saga saga = new Saga("kill", "the leftovers of topology '" + command.name() + "'", progress, clock);
        saga.advice("run '" + StoredState.killCommand(command.target(), command.name()) + "' again");
        try {
            saga.step("kill containers", () -> scheduler.kill(handle, command.timeout()));
            saga.step("delete state", () -> stateStore.deleteAll(command.name()));
            removePackages(saga, handle, packages);
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return new KillResult(Set.of(), true, false, packages, storeLeftovers);
    }

    private List<URI> storedPackages(TopologyHandle handle, KillCommand command) {
        try {
            return uploader.storedPackages(handle.target(), command.name());
        } catch (RuntimeException failure) {
            throw Saga.wrap("listing the uploaded packages of topology '" + command.name() + "' failed", failure);
        }
    }

    private void removePackages(Saga saga, TopologyHandle handle, List<URI> packages) {
        if (!packages.isEmpty()) {
            saga.step("remove packages", () -> uploader.removePackages(handle.target(), handle.name()));
        }
    }
}
