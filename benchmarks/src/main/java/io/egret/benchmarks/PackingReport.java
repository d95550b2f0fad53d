package io.egret.benchmarks;

import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.PackingAlgorithmKind;
import io.egret.domain.packing.PackingAlgorithms;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.packing.PackingSettings;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Locale;

/**
 * Prints, per algorithm, size and shape, how many containers the plan uses against the lower bound
 * {@code ceil(total demand / usable container capacity)} in the tightest dimension (and instances over
 * {@code topology.container.max.instances} for FirstFitDecreasing). With default settings a container offers 9
 * cores, 9 GB and 9 GB after padding, and FirstFitDecreasing allows 10 instances.
 */
public final class PackingReport {
    private static final double USABLE_CPU = 9;
    private static final long USABLE_BYTES = 9L * 1024 * 1024 * 1024;
    private static final int MAX_INSTANCES = 10;

    private PackingReport() {}

    public static void main(String[] arguments) {
        int[] sizes = {1_000, 10_000, 100_000, 1_000_000};
        System.out.println("| algorithm | shape | instances | containers | lower bound | over bound |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (SyntheticTopologies.Shape shape : SyntheticTopologies.Shape.values()) {
            for (PackingAlgorithmKind kind : PackingAlgorithmKind.values()) {
                for (int size : sizes) {
                    TopologyDefinition topology = SyntheticTopologies.synthetic(size, shape);
                    PackingPlan plan = PackingAlgorithms.of(kind).pack(topology, PackingSettings.defaults());
                    long bound = lowerBound(plan, kind);
                    // RoundRobin does not pack to a capacity: its containers grow with their instances.
                    boolean meaningful = kind != PackingAlgorithmKind.ROUND_ROBIN;
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %s | %,d | %,d | %s | %s |%n",
                            kind.shortName(),
                            shape,
                            size,
                            plan.containers().size(),
                            meaningful ? String.format(Locale.ROOT, "%,d", bound) : "n/a",
                            meaningful
                                    ? String.format(
                                            Locale.ROOT,
                                            "%+,d",
                                            plan.containers().size() - bound)
                                    : "n/a");
                }
            }
        }
    }

    private static long lowerBound(PackingPlan plan, PackingAlgorithmKind kind) {
        double cpu = 0;
        long ram = 0;
        long disk = 0;
        long instances = 0;
        for (ContainerPlan container : plan.containers()) {
            Resources used = container.instanceResources();
            cpu += used.cpu();
            ram += used.ram().bytes();
            disk += used.disk().bytes();
            instances += container.instances().size();
        }
        long bound = Math.max(
                (long) Math.ceil(cpu / USABLE_CPU - 1e-9),
                Math.max(
                        SyntheticTopologies.ceilDiv(ram, USABLE_BYTES),
                        SyntheticTopologies.ceilDiv(disk, USABLE_BYTES)));
        if (kind == PackingAlgorithmKind.FIRST_FIT_DECREASING) {
            bound = Math.max(bound, SyntheticTopologies.ceilDiv(instances, MAX_INSTANCES));
        }
        return bound;
    }
}
