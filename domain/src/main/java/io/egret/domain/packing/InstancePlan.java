package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.Resources;

/** One instance placed in a container, with the resources it was given. */
public record InstancePlan(InstanceId id, Resources resources) {
    public InstancePlan {
        requireNonNull(id, "id is null");
        requireNonNull(resources, "resources is null");
    }

    public String component() {
        return id.component();
    }
}
