package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import java.util.List;

/**
 * The outcome of activate, deactivate or restart.
 *
 * @param changed false when the topology already was in the requested state (or for a dry run)
 * @param schedulerCommands for a dry run, the exact commands it would run on the cluster manager (empty when the
 *     scheduler shows none, and for activate and deactivate, which go to the topology master)
 */
public record LifecycleResult(
        ExecutionState executionState, boolean changed, boolean dryRun, List<String> schedulerCommands) {
    public LifecycleResult {
        requireNonNull(executionState, "executionState is null");
        schedulerCommands = List.copyOf(requireNonNull(schedulerCommands, "schedulerCommands is null"));
    }

    public LifecycleResult(ExecutionState executionState, boolean changed, boolean dryRun) {
        this(executionState, changed, dryRun, List.of());
    }
}
