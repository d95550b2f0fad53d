package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.ports.in.ActivateTopologyUseCase;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.TopologyControlPort;
import jakarta.inject.Inject;
import java.time.Clock;

/** {@code heron activate}: makes a paused topology's spouts emit again; activating a running topology changes nothing. */
public final class ActivateTopologyService implements ActivateTopologyUseCase {
    private final TopologyTransition transition;

    @Inject
    public ActivateTopologyService(
            StateStorePort stateStore, TopologyControlPort topologyControl, ProgressPort progress, Clock clock) {
        this.transition = new TopologyTransition(
                requireNonNull(stateStore, "stateStore is null"),
                requireNonNull(topologyControl, "topologyControl is null"),
                requireNonNull(progress, "progress is null"),
                requireNonNull(clock, "clock is null"));
    }

    @Override
    public LifecycleResult activate(TopologyCommand command) {
        return transition.transition(command, TopologyTransition.Direction.ACTIVATE);
    }
}
