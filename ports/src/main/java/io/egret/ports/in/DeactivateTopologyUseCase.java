package io.egret.ports.in;

/** Pauses a running topology's spouts. */
public interface DeactivateTopologyUseCase {
    LifecycleResult deactivate(TopologyCommand command);
}
