package io.egret.domain.packing;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.topology.TopologyConfig;

/**
 * The heap bound of a container's executor JVM, which every scheduler passes to {@code heron-executor} as
 * {@code --heap-mb=N}. Egret runs one JVM per container (Heron runs one per instance), so the rule is: the
 * container's RAM in the packing plan minus the stream manager's share ({@code topology.stmgr.ram}, Heron's default
 * 1 GB), but never less than the sum of its instances' RAM, which the plan promised them, nor than
 * {@value #MIN_HEAP_MB} MB, below which the executor's own JVM does not start reliably.
 */
public final class ExecutorHeap {
    static final ByteAmount DEFAULT_STMGR_RAM = ByteAmount.ofGigabytes(1);
    /** The smallest heap an executor gets, whatever the plan says. */
    public static final long MIN_HEAP_MB = 128;

    private ExecutorHeap() {}

    /** The heap bound in megabytes for the executor of {@code container}. */
    public static long megabytes(ContainerPlan container, TopologyConfig config) {
        ByteAmount stmgr = config.getBytes(TopologyConfig.STMGR_RAM).orElse(DEFAULT_STMGR_RAM);
        ByteAmount required = container.required().ram();
        ByteAmount instances = container.instanceResources().ram();
        ByteAmount heap = required.isGreaterThan(stmgr) ? required.minus(stmgr) : ByteAmount.ZERO;
        return Math.max(MIN_HEAP_MB, heap.max(instances).megabytes());
    }
}
