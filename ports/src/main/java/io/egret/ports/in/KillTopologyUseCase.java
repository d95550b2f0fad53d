package io.egret.ports.in;

/** Kills a topology: stops every container, waits until nothing runs, deletes all state; finishes earlier kills. */
public interface KillTopologyUseCase {
    KillResult kill(KillCommand command);
}
