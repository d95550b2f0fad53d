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
     * Repacks for an update, moving as few instances as the algorithm allows: scale-down removes the highest
     * component indexes where they run, new instances get new task ids, and instances move only to fill or empty
     * containers for a requested container count. Instances that stay keep the resources they run with, except
     * under RoundRobin, which re-sizes every container by its rules. A plan made by another algorithm (Heron lets
     * {@code heron.class.repacking.algorithm} differ from the packing one) is repacked and checked under this
     * algorithm's rules: a container over its limits keeps its oldest instances that fit and the rest move.
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
