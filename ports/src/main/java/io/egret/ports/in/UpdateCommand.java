package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code heron update}: new parallelism for some components and/or a new container count.
 *
 * @param parallelism component name to its new (absolute) parallelism
 */
public record UpdateCommand(
        ClusterTarget target,
        TopologyName name,
        Map<String, Integer> parallelism,
        OptionalInt containers,
        boolean dryRun) {
    public UpdateCommand {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        parallelism = Map.copyOf(requireNonNull(parallelism, "parallelism is null"));
        requireNonNull(containers, "containers is null");
    }
}
