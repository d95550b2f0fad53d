package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyName;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code heron list}.
 *
 * @param executionState empty when only partial state exists (shown as stale, so the operator can kill it)
 * @param damaged the record directories that exist but cannot be read (shown, so the operator can kill it)
 * @param leftovers what exists for a name without any record, left by a crashed submit: {@code "uploaded package"},
 *     {@code "lock"} (shown, so the operator can kill it)
 */
public record TopologySummary(
        TopologyName name,
        Optional<io.egret.domain.lifecycle.ExecutionState> executionState,
        int containers,
        List<String> damaged,
        List<String> leftovers) {
    public TopologySummary(
            TopologyName name, Optional<io.egret.domain.lifecycle.ExecutionState> executionState, int containers) {
        this(name, executionState, containers, List.of(), List.of());
    }

    public TopologySummary {
        requireNonNull(name, "name is null");
        requireNonNull(executionState, "executionState is null");
        damaged = List.copyOf(requireNonNull(damaged, "damaged is null"));
        leftovers = List.copyOf(requireNonNull(leftovers, "leftovers is null"));
    }
}
