package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyControlPort;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Activate and deactivate: the lifecycle decides, the topology master acts, then the execution state records it.
 * The master is told first so that a failed call leaves the recorded state true; if recording then fails, the
 * master is told the opposite so that the two agree again.
 */
final class TopologyTransition {
    private final StateStorePort stateStore;
    private final TopologyControlPort topologyControl;
    private final ProgressPort progress;
    private final Clock clock;

    TopologyTransition(
            StateStorePort stateStore, TopologyControlPort topologyControl, ProgressPort progress, Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.topologyControl = requireNonNull(topologyControl, "topologyControl is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    LifecycleResult transition(TopologyCommand command, Direction direction) {
        requireNonNull(command, "command is null");
        StoredTopology stored = StoredState.readComplete(stateStore, command.name(), command.target());
        ExecutionState current = stored.executionState().orElseThrow();
        ExecutionState next = direction.transition().apply(current);
        if (next.equals(current)) {
            return new LifecycleResult(current, false, command.dryRun());
        }
        TopologyMasterLocation master = stored.topologyMaster()
                .filter(location -> location.topologyId().equals(current.id()))
                .orElseThrow(() -> EgretException.conflict("topology master of '" + command.name()
                        + "' has not registered yet, so it cannot be " + direction.pastTense()
                        + "; check 'heron status " + command.target() + " " + command.name() + "'"));
        if (command.dryRun()) {
            return new LifecycleResult(next, false, true);
        }
        Saga saga = new Saga(direction.operation(), "topology '" + command.name() + "'", progress, clock);
        saga.cleanupHint("run 'heron " + direction.inverse().operation() + " " + command.target() + " " + command.name()
                + "' to bring the topology back in line with its recorded state");
        try {
            saga.step(
                    "tell topology master",
                    () -> direction.call(topologyControl).accept(master));
            saga.onFailure(
                    "tell topology master",
                    "a topology master that is " + direction.pastTense(),
                    () -> direction.inverse().call(topologyControl).accept(master));
            saga.step("record state", () -> stateStore.replaceExecutionState(current, next));
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return new LifecycleResult(next, true, false);
    }

    /** Which way a transition goes. */
    enum Direction {
        ACTIVATE("activate", "activated"),
        DEACTIVATE("deactivate", "deactivated");

        private final String operation;
        private final String pastTense;

        Direction(String operation, String pastTense) {
            this.operation = operation;
            this.pastTense = pastTense;
        }

        String operation() {
            return operation;
        }

        String pastTense() {
            return pastTense;
        }

        Direction inverse() {
            return switch (this) {
                case ACTIVATE -> DEACTIVATE;
                case DEACTIVATE -> ACTIVATE;
            };
        }

        UnaryOperator<ExecutionState> transition() {
            return switch (this) {
                case ACTIVATE -> Lifecycle::activate;
                case DEACTIVATE -> Lifecycle::deactivate;
            };
        }

        Consumer<TopologyMasterLocation> call(TopologyControlPort topologyControl) {
            return switch (this) {
                case ACTIVATE -> topologyControl::activate;
                case DEACTIVATE -> topologyControl::deactivate;
            };
        }
    }
}
