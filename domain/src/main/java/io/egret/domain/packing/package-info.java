/**
 * Packing: which instances run in which container, and what each container requests.
 *
 * <p>Entry points: {@link io.egret.domain.packing.PackingAlgorithms#of} for the algorithm a
 * {@link io.egret.domain.packing.PackingAlgorithmKind} names ({@code heron.class.packing.algorithm} and
 * {@code heron.class.repacking.algorithm}, Heron class names or short names);
 * {@link io.egret.domain.packing.PackingAlgorithm#pack} and {@link io.egret.domain.packing.PackingAlgorithm#repack};
 * {@link io.egret.domain.packing.FitCheck} before anything is launched; {@link io.egret.domain.packing.PlanDiff}
 * for {@code update --dry-run}.
 *
 * <p>Inputs are Heron's: {@code heron.resources.instance.*} (in {@link io.egret.domain.packing.PackingSettings}),
 * {@code topology.stmgrs}, {@code topology.container.{cpu,ram,disk}}, the padding keys,
 * {@code topology.container.max.instances}, {@code topology.component.{rammap,cpumap,diskmap}} and
 * {@code topology.packing.ffd.sorting.strategy}, with Heron's defaults. Deliberate differences from Heron:
 *
 * <ul>
 *   <li>the component maps mean the same in every algorithm, disk included;
 *   <li>RoundRobin without container hints shares the fullest container's size only in dimensions without
 *       component map entries (Heron shares it regardless, and then fails for large map entries); padding is never
 *       silently dropped;
 *   <li>container CPU is the exact sum, not rounded (Heron's rounding can request less than the instances need);
 *   <li>the scheduler's largest container caps what FirstFitDecreasing and ResourceCompliantRoundRobin pack;
 *   <li>ResourceCompliantRoundRobin starts from the container count the demand needs and never restarts;
 *   <li>repacking never moves an instance that can stay (RoundRobin included), and a target container count is
 *       honoured by every algorithm;
 *   <li>first-fit search is O(log C) per instance (a segment tree), not a sort of all containers.
 * </ul>
 */
package io.egret.domain.packing;
