package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;

/**
 * The outcome of activate, deactivate or restart.
 *
 * @param changed false when the topology already was in the requested state (or for a dry run)
 */
public record LifecycleResult(ExecutionState executionState, boolean changed, boolean dryRun) {
    public LifecycleResult {
        requireNonNull(executionState, "executionState is null");
    }
}
