package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyDefinition;
import java.nio.file.Path;
import java.util.Map;

/**
 * What goes into a topology package.
 *
 * @param topologyFile the author's jar (or tar) as given to {@code heron submit}
 * @param config the effective cluster config snapshot that every container reads, so overrides reach them all
 */
public record PackageRequest(TopologyDefinition definition, Path topologyFile, Map<String, String> config) {
    public PackageRequest {
        requireNonNull(definition, "definition is null");
        requireNonNull(topologyFile, "topologyFile is null");
        config = Map.copyOf(requireNonNull(config, "config is null"));
    }
}
