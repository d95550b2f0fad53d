package io.egret.ports.in;

/** Reports a topology's state from the state store, the scheduler and the topology master. */
public interface TopologyStatusUseCase {
    TopologyStatus status(TopologyCommand command);
}
