package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Optional;

/**
 * What {@code submit} did, or with {@code --dry-run} what it would do.
 *
 * @param executionState the recorded state; empty for a dry run
 * @param launchPreview for a dry run, what the launch would ask of the cluster manager, when there is more to show
 *     than the plan
 */
public record SubmitResult(
        TopologyDefinition definition,
        PackingPlan packingPlan,
        Optional<ExecutionState> executionState,
        boolean dryRun,
        Optional<String> launchPreview) {
    public SubmitResult {
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(executionState, "executionState is null");
        requireNonNull(launchPreview, "launchPreview is null");
    }

    public SubmitResult(
            TopologyDefinition definition,
            PackingPlan packingPlan,
            Optional<ExecutionState> executionState,
            boolean dryRun) {
        this(definition, packingPlan, executionState, dryRun, Optional.empty());
    }
}
