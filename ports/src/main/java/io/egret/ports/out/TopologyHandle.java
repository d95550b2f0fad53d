package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.util.Optional;

/**
 * Identifies a running incarnation to a scheduler: name, id and target, plus the scheduler's recorded location
 * when it runs as a service.
 */
public record TopologyHandle(
        TopologyName name, TopologyId id, ClusterTarget target, Optional<SchedulerLocation> schedulerLocation) {
    public TopologyHandle {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(target, "target is null");
        requireNonNull(schedulerLocation, "schedulerLocation is null");
    }
}
