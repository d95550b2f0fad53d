package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.util.OptionalInt;

/** {@code heron restart}: one container, or all when {@code containerId} is empty. */
public record RestartCommand(ClusterTarget target, TopologyName name, OptionalInt containerId, boolean dryRun) {
    public RestartCommand {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        requireNonNull(containerId, "containerId is null");
    }
}
