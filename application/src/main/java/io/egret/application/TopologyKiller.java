package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import java.time.Duration;
import java.util.Optional;

/**
 * Kill as reconciliation, shared by {@code kill} and {@code submit --replace}: mark the topology KILLING, have the
 * scheduler end every container (a job already gone counts as done), then delete every record at once. Each step
 * is safe to repeat, so running it again finishes a kill that stopped half-way.
 */
final class TopologyKiller {
    private final StateStorePort stateStore;
    private final SchedulerPort scheduler;

    TopologyKiller(StateStorePort stateStore, SchedulerPort scheduler) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    /**
     * True when the records are left over from a failure rather than a healthy topology: partial records, a
     * submit that never finished or a kill that never finished.
     */
    static boolean isStale(StoredTopology stored) {
        if (!stored.isComplete()) {
            return true;
        }
        TopologyState state = stored.executionState().get().state();
        return state == TopologyState.SUBMITTING || state == TopologyState.KILLING;
    }

    /**
     * Runs the kill steps within {@code saga}. The caller has checked the target. None of the steps is undone on a
     * later failure: a topology half-way through a kill is only ever finished, never revived.
     *
     * @param stepPrefix prefixes the step names, so that a kill inside another operation reads as such
     */
    void kill(Saga saga, String stepPrefix, StoredTopology stored, TopologyHandle handle, Duration timeout) {
        Optional<ExecutionState> executionState = stored.executionState();
        if (executionState.isPresent()) {
            ExecutionState current = executionState.get();
            ExecutionState killing = Lifecycle.beginKill(current);
            // An earlier kill already marked it: repeating the write would only race that kill's own retries.
            if (!killing.equals(current)) {
                saga.step(stepPrefix + "mark killing", () -> stateStore.replaceExecutionState(current, killing));
            }
        }
        saga.step(stepPrefix + "kill containers", () -> scheduler.kill(handle, timeout));
        saga.step(stepPrefix + "delete state", () -> stateStore.deleteAll(stored.name()));
    }
}
