package io.egret.ports.in;

/** Makes a paused topology's spouts emit again. */
public interface ActivateTopologyUseCase {
    LifecycleResult activate(TopologyCommand command);
}
