package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.RuntimeConfigChange;
import java.util.List;

/**
 * The plan before and after an update (or, for a dry run, the plan it would apply). A runtime-config update keeps
 * the plan, so both plans are the same.
 *
 * @param runtimeConfig the runtime-config changes applied (or, for a dry run, that would be applied); empty for a
 *     parallelism or container-count update
 * @param schedulerCommands for a dry run, the exact commands it would run on the cluster manager to add and remove
 *     containers (empty when the scheduler shows none or no container changes)
 */
public record UpdateResult(
        PackingPlan oldPlan,
        PackingPlan newPlan,
        List<RuntimeConfigChange> runtimeConfig,
        boolean dryRun,
        List<String> schedulerCommands) {
    public UpdateResult {
        requireNonNull(oldPlan, "oldPlan is null");
        requireNonNull(newPlan, "newPlan is null");
        runtimeConfig = List.copyOf(requireNonNull(runtimeConfig, "runtimeConfig is null"));
        schedulerCommands = List.copyOf(requireNonNull(schedulerCommands, "schedulerCommands is null"));
    }

    public UpdateResult(
            PackingPlan oldPlan, PackingPlan newPlan, List<RuntimeConfigChange> runtimeConfig, boolean dryRun) {
        this(oldPlan, newPlan, runtimeConfig, dryRun, List.of());
    }

    /** The result of a parallelism or container-count update. */
    public UpdateResult(PackingPlan oldPlan, PackingPlan newPlan, boolean dryRun) {
        this(oldPlan, newPlan, List.of(), dryRun);
    }
}
