package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * Round robin that respects container capacity, with Heron's inputs: containers hold at most
 * {@code topology.container.*} (default ten instance defaults) minus padding (see {@link BinPackingModel}),
 * instances need at least 192 MB, and {@code topology.stmgrs} is the least number of containers.
 *
 * <p>Instances are dealt component by component in declaration order, each to the next container in turn; a
 * container without room is skipped, and when none has room a container is added. Heron instead restarts the
 * whole packing with one more container on every failure (O(I²) in the worst case); Egret starts from the
 * container count the demand needs at least (total demand over usable capacity in the tightest dimension, or
 * {@code topology.stmgrs} if larger) and never restarts, so each placement costs O(log C).
 *
 * <p>Repack is incremental (see {@link Repacking}): scaled-down instances are removed where they are; new ones are
 * dealt round robin over the containers with room, then into new ones. A target container count (which Heron
 * refuses) behaves as for {@link FirstFitDecreasingPacking}.
 */
final class ResourceCompliantRoundRobinPacking implements PackingAlgorithm {
    @Override
    public PackingAlgorithmKind kind() {
        return PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN;
    }

    @Override
    public PackingPlan pack(TopologyDefinition topology, PackingSettings settings) {
        requireNonNull(topology, "topology is null");
        requireNonNull(settings, "settings is null");
        TopologyConfig config = topology.topologyConfig();
        BinPackingModel model = BinPackingModel.read(config, settings, false);
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        CapacityPacking.validate(kind(), demands, model, 0);
        int requested = config.streamManagers();
        if (requested < 1) {
            throw EgretException.userError(
                    "topology config " + TopologyConfig.STMGRS + " must be at least 1, got " + requested);
        }
        // Heron lowers a count above the instance count (with a warning); so does Egret.
        int start =
                Math.max(Math.min(requested, topology.totalInstances()), CapacityPacking.lowerBound(demands, model));

        Bins bins = CapacityPacking.bins(model, start);
        for (int id = 1; id <= start; id++) {
            bins.open(id);
        }
        return CapacityPacking.place(kind(), demands, bins, new RoundRobinPlacer(), model, topology, settings);
    }

    @Override
    public PackingPlan repack(
            PackingPlan current, TopologyDefinition topology, OptionalInt containers, PackingSettings settings) {
        requireNonNull(current, "current is null");
        requireNonNull(topology, "topology is null");
        requireNonNull(containers, "containers is null");
        requireNonNull(settings, "settings is null");
        BinPackingModel model = BinPackingModel.read(topology.topologyConfig(), settings, false);
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        CapacityPacking.validate(kind(), demands, model, 0);
        return CapacityPacking.repack(
                kind(),
                current,
                topology,
                containers,
                settings,
                model,
                demands,
                Comparator.comparing(InstancePlan::id),
                new RoundRobinPlacer());
    }

    /** Deals to the next container with room after the one that received the previous instance. */
    private static final class RoundRobinPlacer implements Repacking.Placer {
        private int next;

        @Override
        public int place(Bins bins, int from, int to, long cpu, long ram, long disk) {
            int start = Math.max(from, Math.min(next, to));
            int found = bins.firstFit(start, to, cpu, ram, disk);
            if (found < 0) {
                found = bins.firstFit(from, start, cpu, ram, disk);
            }
            if (found >= 0) {
                next = found + 1;
            }
            return found;
        }
    }
}
