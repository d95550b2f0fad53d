package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;

/** Names a topology on a cluster, for commands that take nothing else: activate, deactivate, status. */
public record TopologyCommand(ClusterTarget target, TopologyName name, boolean dryRun) {
    public TopologyCommand {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
    }
}
