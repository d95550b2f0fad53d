package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.TopologyState;
import java.util.List;
import java.util.Map;

/**
 * What the topology master reports about the running topology.
 *
 * @param containersAlive container id to whether its stream manager is registered and heartbeating
 */
public record TopologyRuntimeStatus(
        TopologyState state, List<ComponentStatistics> components, Map<Integer, Boolean> containersAlive) {
    public TopologyRuntimeStatus {
        requireNonNull(state, "state is null");
        components = List.copyOf(requireNonNull(components, "components is null"));
        containersAlive = Map.copyOf(requireNonNull(containersAlive, "containersAlive is null"));
    }
}
