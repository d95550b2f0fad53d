package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.KillResult;
import io.egret.ports.in.KillTopologyUseCase;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * {@code heron kill}: reconciles the topology away. Copes with any subset of records missing, finishes a kill that
 * stopped half-way, and keeps the state (marked KILLING) when the scheduler cannot confirm that nothing runs, so
 * that running kill again is always the fix.
 */
public final class KillTopologyService implements KillTopologyUseCase {
    private final StateStorePort stateStore;
    private final ProgressPort progress;
    private final Clock clock;
    private final TopologyKiller killer;

    @Inject
    public KillTopologyService(StateStorePort stateStore, SchedulerPort scheduler, ProgressPort progress, Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.killer = new TopologyKiller(stateStore, requireNonNull(scheduler, "scheduler is null"));
    }

    @Override
    public KillResult kill(KillCommand command) {
        requireNonNull(command, "command is null");
        if (command.timeout().isNegative()) {
            throw EgretException.userError("the kill timeout must not be negative, got " + command.timeout());
        }
        StoredTopology stored = StoredState.readExisting(stateStore, command.name(), command.target());
        stored.executionState()
                .ifPresent(executionState -> StoredState.requireTarget(executionState, command.target()));
        boolean stale = TopologyKiller.isStale(stored);
        KillResult result = new KillResult(StoredState.nodes(stored), stale, command.dryRun());
        if (command.dryRun()) {
            return result;
        }
        TopologyHandle handle = StoredState.handle(stored, command.target());
        Saga saga = new Saga("kill", "topology '" + command.name() + "'", progress, clock);
        saga.advice("its state is kept so that nothing is forgotten; run '"
                + StoredState.killCommand(handle.target(), command.name()) + "' again");
        try {
            killer.kill(saga, "", stored, handle, command.timeout());
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return result;
    }
}
