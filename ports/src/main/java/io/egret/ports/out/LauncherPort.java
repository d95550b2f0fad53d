package io.egret.ports.out;

/**
 * Starts a topology whose records are already in the state store: either by scheduling its containers directly,
 * or by starting a scheduler service that does. Undoing a launch is a {@link SchedulerPort#kill}.
 */
public interface LauncherPort {

    /**
     * Launches the topology and returns once the cluster manager has accepted it (not when it runs). A launcher
     * that starts a scheduler service returns once the service has recorded its location.
     *
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the cluster manager cannot be reached,
     *     {@code USER_ERROR} if it refuses the job (with its reason)
     */
    void launch(LaunchRequest request);
}
