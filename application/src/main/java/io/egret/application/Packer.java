package io.egret.application;

import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.TopologyDefinition;
import java.util.List;
import java.util.OptionalInt;

/**
 * Packs a topology's instances into containers, as the cluster's configured packing and repacking algorithms do.
 * The application depends on this narrow view rather than on the algorithms themselves, so the wiring picks the
 * algorithm and its settings from the cluster config.
 */
public interface Packer {

    /**
     * Packs a topology for submission.
     *
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the topology cannot be packed, saying
     *     which component and what to change
     */
    PackingPlan pack(TopologyDefinition topology);

    /**
     * Packs an updated topology starting from the plan it runs with.
     *
     * @param updated the topology with its new parallelism
     * @param containers the requested container count; empty keeps the algorithm's choice
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the new topology cannot be packed
     */
    PackingPlan repack(PackingPlan current, TopologyDefinition updated, OptionalInt containers);

    /**
     * Why the plan would not fit the cluster (container limits, resources per instance), one line each saying
     * which component or container and what to change; empty when it fits.
     */
    List<String> fitViolations(PackingPlan plan, TopologyDefinition topology);
}
