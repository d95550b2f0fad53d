package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyName;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * {@code heron update}: new parallelism for some components and/or a new container count, or runtime-config
 * changes applied to the running topology without a restart (the two kinds exclude each other).
 *
 * @param parallelism component name to its new (absolute) parallelism
 * @param runtimeConfig config changes to apply while the topology runs, in the order given
 */
public record UpdateCommand(
        ClusterTarget target,
        TopologyName name,
        Map<String, Integer> parallelism,
        OptionalInt containers,
        List<RuntimeConfigChange> runtimeConfig,
        boolean dryRun) {
    public UpdateCommand {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        parallelism = Map.copyOf(requireNonNull(parallelism, "parallelism is null"));
        requireNonNull(containers, "containers is null");
        runtimeConfig = List.copyOf(requireNonNull(runtimeConfig, "runtimeConfig is null"));
    }

    /** A parallelism or container-count update without runtime-config changes. */
    public UpdateCommand(
            ClusterTarget target,
            TopologyName name,
            Map<String, Integer> parallelism,
            OptionalInt containers,
            boolean dryRun) {
        this(target, name, parallelism, containers, List.of(), dryRun);
    }

    /** A runtime-config update. */
    public static UpdateCommand runtimeConfig(
            ClusterTarget target, TopologyName name, List<RuntimeConfigChange> changes, boolean dryRun) {
        return new UpdateCommand(target, name, Map.of(), OptionalInt.empty(), changes, dryRun);
    }
}
