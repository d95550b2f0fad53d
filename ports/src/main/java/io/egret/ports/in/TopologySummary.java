package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyName;
import java.util.Optional;

/**
 * One line of {@code heron list}.
 *
 * @param executionState empty when only partial state exists (shown as stale, so the operator can kill it)
 */
public record TopologySummary(
        TopologyName name, Optional<io.egret.domain.lifecycle.ExecutionState> executionState, int containers) {
    public TopologySummary {
        requireNonNull(name, "name is null");
        requireNonNull(executionState, "executionState is null");
    }
}
