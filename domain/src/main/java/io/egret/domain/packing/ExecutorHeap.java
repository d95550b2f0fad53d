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
    /** The heap bound of container 0's executor, which runs the topology master and no instances. */
    public static final long TOPOLOGY_MASTER_HEAP_MB = 256;

    private ExecutorHeap() {}

    /** The heap bound in megabytes for the executor of {@code container}. */
    public static long megabytes(ContainerPlan container, TopologyConfig config) {
        return megabytes(
                container.required().ram(), container.instanceResources().ram(), config);
    }

    /**
     * The same bound from a container's RAM ({@code required}) and its instances' RAM, for a scheduler that has
     * the sizes but not the plan at hand (a container added by an update, say).
     */
    public static long megabytes(ByteAmount required, ByteAmount instances, TopologyConfig config) {
        ByteAmount stmgr = config.getBytes(TopologyConfig.STMGR_RAM).orElse(DEFAULT_STMGR_RAM);
        ByteAmount heap = required.isGreaterThan(stmgr) ? required.minus(stmgr) : ByteAmount.ZERO;
        return Math.max(MIN_HEAP_MB, heap.max(instances).megabytes());
    }
}
