package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.time.Duration;

/** {@code heron kill}: waits up to {@code timeout} for every container to be gone. */
public record KillCommand(ClusterTarget target, TopologyName name, boolean dryRun, Duration timeout) {
    public KillCommand {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        requireNonNull(timeout, "timeout is null");
    }
}
