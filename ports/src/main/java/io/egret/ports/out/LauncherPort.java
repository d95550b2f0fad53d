package io.egret.ports.out;

import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
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
     * What a launch would ask of the cluster manager, as text for a dry run (Aurora: the bound job file and the
     * client's exact argument list), checked as a launch checks it. Runs nothing and needs no cluster; empty when
     * the packing plan says it all.
     *
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the launch would be refused
     */
    default Optional<String> dryRun(TopologyName name, ClusterTarget target, PackingPlan plan) {
        return Optional.empty();
    }
}
