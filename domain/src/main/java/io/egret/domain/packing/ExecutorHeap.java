package io.egret.domain.packing;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.topology.TopologyConfig;

/**
 * The heap bound of a container's executor JVM, which every scheduler passes to {@code heron-executor} as
 * {@code --heap-mb=N}. Egret runs one JVM per container (Heron runs one per instance), so the rule is: the
 * container's RAM in the packing plan minus the stream manager's share ({@code topology.stmgr.ram}, Heron's default
 * 1 GB), but never less than the sum of its instances' RAM, which the plan promised them.
 */
public final class ExecutorHeap {
    static final ByteAmount DEFAULT_STMGR_RAM = ByteAmount.ofGigabytes(1);

    private ExecutorHeap() {}

    /** The heap bound in megabytes for the executor of {@code container}. */
    public static long megabytes(ContainerPlan container, TopologyConfig config) {
        ByteAmount stmgr = config.getBytes(TopologyConfig.STMGR_RAM).orElse(DEFAULT_STMGR_RAM);
        ByteAmount required = container.required().ram();
        ByteAmount instances = container.instanceResources().ram();
        ByteAmount heap = required.isGreaterThan(stmgr) ? required.minus(stmgr) : ByteAmount.ZERO;
        return Math.max(1, heap.max(instances).megabytes());
    }
}
