package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.TopologyDefinition;
import java.util.List;
import java.util.Optional;

/**
 * What {@code submit} did, or with {@code --dry-run} what it would do.
 *
 * @param executionState the recorded state; empty for a dry run
 * @param launchPreview for a dry run, what the launcher would send to the cluster manager (secrets redacted)
 * @param jobLinks links to the launched topology's job in the cluster manager's UI; empty for a dry run or when
 *     the scheduler has none
 */
public record SubmitResult(
        TopologyDefinition definition,
        PackingPlan packingPlan,
        Optional<ExecutionState> executionState,
        boolean dryRun,
        Optional<String> launchPreview,
        List<String> jobLinks) {
    public SubmitResult {
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(executionState, "executionState is null");
        requireNonNull(launchPreview, "launchPreview is null");
        jobLinks = List.copyOf(requireNonNull(jobLinks, "jobLinks is null"));
    }

    public SubmitResult(
            TopologyDefinition definition,
            PackingPlan packingPlan,
            Optional<ExecutionState> executionState,
            boolean dryRun,
            Optional<String> launchPreview) {
        this(definition, packingPlan, executionState, dryRun, launchPreview, List.of());
    }

    public SubmitResult(
            TopologyDefinition definition,
            PackingPlan packingPlan,
            Optional<ExecutionState> executionState,
            boolean dryRun) {
        this(definition, packingPlan, executionState, dryRun, Optional.empty());
    }
}
