package io.egret.domain.packing;

import io.egret.domain.topology.TopologyDefinition;
import java.util.OptionalInt;

/**
 * Decides which instances run in which container and what each container requests. Implementations are pure
 * and deterministic: the same inputs always give the same plan. Every plan they return passes {@link FitCheck}.
 */
public interface PackingAlgorithm {
    PackingAlgorithmKind kind();

    /**
     * Packs a topology from scratch.
     *
     * @throws io.egret.domain.error.EgretException with {@code USER_ERROR} and a message naming the component,
     *     the container, the numbers and the smallest change that fixes it, when no plan is possible
     */
    PackingPlan pack(TopologyDefinition topology, PackingSettings settings);

    /**
     * Repacks for an update.
     *
     * @param current the plan that is running
     * @param topology the topology with its NEW parallelism
     * @param containers the container count the operator asked for, if any
     * @throws io.egret.domain.error.EgretException with {@code USER_ERROR} when the new parallelism cannot be
     *     placed (for example not in the requested number of containers)
     */
    PackingPlan repack(
            PackingPlan current, TopologyDefinition topology, OptionalInt containers, PackingSettings settings);
}
