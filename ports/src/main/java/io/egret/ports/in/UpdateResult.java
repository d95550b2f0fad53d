package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.packing.PackingPlan;

/** The plan before and after an update (or, for a dry run, the plan it would apply). */
public record UpdateResult(PackingPlan oldPlan, PackingPlan newPlan, boolean dryRun) {
    public UpdateResult {
        requireNonNull(oldPlan, "oldPlan is null");
        requireNonNull(newPlan, "newPlan is null");
    }
}
