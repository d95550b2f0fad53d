package io.egret.ports.in;

/** Restarts one container or the whole topology. */
public interface RestartTopologyUseCase {
    LifecycleResult restart(RestartCommand command);
}
