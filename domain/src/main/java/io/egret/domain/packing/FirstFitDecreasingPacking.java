package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * First fit decreasing bin packing, with Heron's inputs: containers hold at most {@code topology.container.*}
 * (default ten instance defaults) minus padding (see {@link BinPackingModel}) and at most
 * {@code topology.container.max.instances} instances (10); instances need at least 192 MB and 0.1 cores.
 * Components are taken largest first by {@code topology.packing.ffd.sorting.strategy} ({@code RAM_FIRST}: RAM
 * then CPU; {@code CPU_FIRST}: CPU then RAM; ties in declaration order), and each instance goes into the
 * lowest-id container with room, or a new one. {@code topology.stmgrs} is ignored: the packing decides the count.
 *
 * <p>Unlike Heron, finding the first container with room is O(log C) (see {@link Bins}) instead of a sort of all
 * containers per instance, and container CPU is the exact sum rather than rounded.
 *
 * <p>Repack is incremental (see {@link Repacking}): scaled-down instances are removed where they are, new ones
 * go first fit into the existing containers, then new ones. With a target container count (which Heron refuses)
 * a smaller count re-places the instances of the highest-id containers into the rest, or fails naming the count
 * that would work; a larger count adds containers and moves just enough instances to give each an even share.
 */
final class FirstFitDecreasingPacking implements PackingAlgorithm {
    /** Heron's floor for an instance's CPU in this packer. */
    static final double MIN_INSTANCE_CPU = 0.1;

    @Override
    public PackingAlgorithmKind kind() {
        return PackingAlgorithmKind.FIRST_FIT_DECREASING;
    }

    @Override
    public PackingPlan pack(TopologyDefinition topology, PackingSettings settings) {
        requireNonNull(topology, "topology is null");
        requireNonNull(settings, "settings is null");
        BinPackingModel model = BinPackingModel.read(topology.topologyConfig(), settings, true);
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        CapacityPacking.validate(kind(), demands, model, MIN_INSTANCE_CPU);
        Comparator<Resources> largestFirst = largestFirst(topology.topologyConfig());
        List<ComponentDemand> sorted = demands.stream()
                .sorted(Comparator.comparing(ComponentDemand::resources, largestFirst)
                        .thenComparingInt(ComponentDemand::order))
                .toList();

        return CapacityPacking.place(
                kind(),
                sorted,
                CapacityPacking.bins(model, CapacityPacking.lowerBound(demands, model)),
                Bins::firstFit,
                model,
                topology,
                settings);
    }

    @Override
    public PackingPlan repack(
            PackingPlan current, TopologyDefinition topology, OptionalInt containers, PackingSettings settings) {
        requireNonNull(current, "current is null");
        requireNonNull(topology, "topology is null");
        requireNonNull(containers, "containers is null");
        requireNonNull(settings, "settings is null");
        BinPackingModel model = BinPackingModel.read(topology.topologyConfig(), settings, true);
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        CapacityPacking.validate(kind(), demands, model, MIN_INSTANCE_CPU);
        Comparator<Resources> largestFirst = largestFirst(topology.topologyConfig());
        Comparator<InstancePlan> order =
                Comparator.comparing(InstancePlan::resources, largestFirst).thenComparing(InstancePlan::id);
        return CapacityPacking.repack(
                kind(), current, topology, containers, settings, model, demands, order, Bins::firstFit);
    }

    /** Orders resources largest first by {@code topology.packing.ffd.sorting.strategy}. */
    static Comparator<Resources> largestFirst(TopologyConfig config) {
        String strategy = config.get(TopologyConfig.FFD_SORTING_STRATEGY)
                .map(value -> value.trim().toUpperCase(Locale.ROOT))
                .orElse("RAM_FIRST");
        Comparator<Resources> byRam = Comparator.comparing(Resources::ram);
        Comparator<Resources> byCpu = Comparator.comparingDouble(Resources::cpu);
        return switch (strategy) {
            case "RAM_FIRST" -> byRam.thenComparing(byCpu).reversed();
            case "CPU_FIRST" -> byCpu.thenComparing(byRam).reversed();
            default ->
                throw EgretException.userError("topology config " + TopologyConfig.FFD_SORTING_STRATEGY
                        + " is '"
                        + config.get(TopologyConfig.FFD_SORTING_STRATEGY).orElse("")
                        + "'; valid values are RAM_FIRST and CPU_FIRST");
        };
    }
}
