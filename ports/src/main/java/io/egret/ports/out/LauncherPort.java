package io.egret.ports.out;

import java.util.Optional;

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

    /**
     * What {@link #launch} would send to the cluster manager for this request, for a dry run: nothing is sent and
     * no cluster is needed. Secrets are redacted. Empty when the launcher has nothing to show beyond the plan.
     *
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the launch would be refused before sending
     */
    default Optional<String> preview(LaunchRequest request) {
        return Optional.empty();
    }
}
