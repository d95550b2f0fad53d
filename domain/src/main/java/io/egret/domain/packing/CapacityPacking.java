package io.egret.domain.packing;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** What FirstFitDecreasing and ResourceCompliantRoundRobin share: demand checks, bins and container sizing. */
final class CapacityPacking {
    /** Heron's floor for an instance's RAM in both capacity-driven packers. */
    static final ByteAmount MIN_INSTANCE_RAM = ByteAmount.ofMegabytes(192);

    private CapacityPacking() {}

    /**
     * Refuses demands that no container can hold or that are below the algorithm's minimums, naming the
     * component, the numbers and the smallest change that fixes it.
     *
     * @param minCpu the algorithm's least CPU per instance, or 0 for none
     */
    static void validate(
            PackingAlgorithmKind kind, List<ComponentDemand> demands, BinPackingModel model, double minCpu) {
        Resources usable = model.usable();
        for (ComponentDemand demand : demands) {
            Resources resources = demand.resources();
            String name = demand.name();
            if (resources.ram().isLessThan(MIN_INSTANCE_RAM)) {
                throw EgretException.userError("component '" + name + "' has " + resources.ram()
                        + " of RAM per instance (" + demand.ramSource() + "), below " + kind.shortName()
                        + "'s minimum of " + MIN_INSTANCE_RAM + "; fix: set " + name + ":" + MIN_INSTANCE_RAM.bytes()
                        + " (" + MIN_INSTANCE_RAM + ") or more in " + TopologyConfig.COMPONENT_RAMMAP);
            }
            if (resources.cpu() < minCpu) {
                throw EgretException.userError("component '" + name + "' has " + Resources.formatCpu(resources.cpu())
                        + " cores per instance (" + demand.cpuSource() + "), below " + kind.shortName()
                        + "'s minimum of " + Resources.formatCpu(minCpu) + "; fix: set " + name + ":"
                        + Resources.formatCpu(minCpu) + " or more in " + TopologyConfig.COMPONENT_CPUMAP);
            }
            if (resources.ram().isGreaterThan(usable.ram())) {
                throw EgretException.userError("component '" + name + "' needs " + resources.ram()
                        + " of RAM per instance (" + demand.ramSource() + "), but a container has only "
                        + usable.ram() + " for instances: " + model.ramCapacitySource() + " minus padding "
                        + model.padding().ram() + "; fix: "
                        + (model.capacity().ram().isLessThan(model.configured().ram())
                                ? ""
                                : "raise " + TopologyConfig.CONTAINER_RAM + " to at least "
                                        + ByteAmount.ofBytes(model.smallestRamCapacityFor(
                                                resources.ram().bytes())) + " ("
                                        + model.smallestRamCapacityFor(
                                                resources.ram().bytes()) + " bytes), or ")
                        + "lower '" + name + "' to at most " + usable.ram() + " in "
                        + TopologyConfig.COMPONENT_RAMMAP);
            }
            if (CpuUnits.demandMicros(resources.cpu()) > CpuUnits.capacityMicros(usable.cpu())) {
                throw EgretException.userError("component '" + name + "' needs " + Resources.formatCpu(resources.cpu())
                        + " cores per instance (" + demand.cpuSource() + "), but a container has only "
                        + Resources.formatCpu(usable.cpu()) + " for instances: " + model.cpuCapacitySource()
                        + " minus padding "
                        + Resources.formatCpu(model.padding().cpu()) + "; fix: "
                        + (model.capacity().cpu() < model.configured().cpu()
                                ? ""
                                : "raise " + TopologyConfig.CONTAINER_CPU + " to at least "
                                        + Resources.formatCpu(model.smallestCpuCapacityFor(resources.cpu()))
                                        + ", or ")
                        + "lower '" + name + "' to at most " + Resources.formatCpu(usable.cpu()) + " in "
                        + TopologyConfig.COMPONENT_CPUMAP);
            }
            if (resources.disk().isGreaterThan(usable.disk())) {
                throw EgretException.userError("component '" + name + "' needs " + resources.disk()
                        + " of disk per instance (" + demand.diskSource() + "), but a container has only "
                        + usable.disk() + " for instances: " + model.diskCapacitySource() + " minus padding "
                        + model.padding().disk() + "; fix: "
                        + (model.capacity().disk().isLessThan(model.configured().disk())
                                ? ""
                                : "raise " + TopologyConfig.CONTAINER_DISK + " to at least "
                                        + ByteAmount.ofBytes(model.smallestDiskCapacityFor(
                                                resources.disk().bytes())) + ", or ")
                        + "lower '" + name + "' to at most " + usable.disk() + " in "
                        + TopologyConfig.COMPONENT_DISKMAP);
            }
        }
    }

    /** Empty bins whose every container holds what {@code model} leaves for instances. */
    static Bins bins(BinPackingModel model, int expectedContainers) {
        Resources usable = model.usable();
        return new Bins(
                CpuUnits.capacityMicros(usable.cpu()),
                usable.ram().bytes(),
                usable.disk().bytes(),
                model.maxInstances(),
                expectedContainers);
    }

    /**
     * The fewest containers any packing can use: total demand over usable capacity in the tightest dimension,
     * and instance count over {@code topology.container.max.instances}.
     */
    static int lowerBound(List<ComponentDemand> demands, BinPackingModel model) {
        Resources usable = model.usable();
        long cpu = 0;
        long ram = 0;
        long disk = 0;
        long instances = 0;
        for (ComponentDemand demand : demands) {
            cpu += CpuUnits.demandMicros(demand.resources().cpu()) * demand.parallelism();
            ram += demand.resources().ram().bytes() * demand.parallelism();
            disk += demand.resources().disk().bytes() * demand.parallelism();
            instances += demand.parallelism();
        }
        long bound = Math.max(
                ceilDiv(cpu, Math.max(1, CpuUnits.capacityMicros(usable.cpu()))),
                Math.max(
                        ceilDiv(ram, usable.ram().bytes()),
                        ceilDiv(disk, usable.disk().bytes())));
        bound = Math.max(bound, ceilDiv(instances, model.maxInstances()));
        return (int) Math.max(1, Math.min(bound, instances));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** A container requests its instances plus padding: exact, not rounded (Heron rounds CPU, sometimes down). */
    static Repacking.Sizer sizer(Resources padding) {
        return (containerIds, members) -> {
            List<ContainerPlan> containers = new ArrayList<>(containerIds.size());
            for (int position = 0; position < containerIds.size(); position++) {
                List<InstancePlan> instances = members.get(position);
                containers.add(new ContainerPlan(containerIds.get(position), instances, sum(instances, padding)));
            }
            return containers;
        };
    }

    static Resources sum(List<InstancePlan> instances, Resources start) {
        double cpu = start.cpu();
        long ram = start.ram().bytes();
        long disk = start.disk().bytes();
        for (InstancePlan instance : instances) {
            Resources resources = instance.resources();
            cpu += resources.cpu();
            ram += resources.ram().bytes();
            disk += resources.disk().bytes();
        }
        return new Resources(cpu, ByteAmount.ofBytes(ram), ByteAmount.ofBytes(disk));
    }

    /**
     * Places every instance of the demands, in the order given, with {@code placer}; an instance that fits in no
     * container opens a new one. Returns the fit-checked plan.
     */
    static PackingPlan place(
            PackingAlgorithmKind kind,
            List<ComponentDemand> demandsInOrder,
            Bins bins,
            Repacking.Placer placer,
            BinPackingModel model,
            TopologyDefinition topology,
            PackingSettings settings) {
        int taskId = 0;
        for (ComponentDemand demand : demandsInOrder) {
            Resources resources = demand.resources();
            long cpu = Units.cpu(resources);
            long ram = Units.ram(resources);
            long disk = Units.disk(resources);
            for (int componentIndex = 0; componentIndex < demand.parallelism(); componentIndex++) {
                InstancePlan instance =
                        new InstancePlan(new InstanceId(demand.name(), ++taskId, componentIndex), resources);
                int index = placer.place(bins, 0, bins.size(), cpu, ram, disk);
                if (index < 0) {
                    index = bins.open(bins.size() + 1);
                }
                bins.add(index, instance, cpu, ram, disk);
            }
        }
        PackingPlan plan = new PackingPlan(kind.shortName(), Repacking.finish(bins, sizer(model.padding())));
        FitCheck.requireFits(plan, topology, settings);
        return plan;
    }

    /** The incremental repack of a capacity packer (see {@link Repacking}), fit-checked. */
    static PackingPlan repack(
            PackingAlgorithmKind kind,
            PackingPlan current,
            TopologyDefinition topology,
            OptionalInt containers,
            PackingSettings settings,
            BinPackingModel model,
            List<ComponentDemand> demands,
            Comparator<InstancePlan> order,
            Repacking.Placer placer) {
        Map<String, Resources> resources = new HashMap<>();
        for (ComponentDemand demand : demands) {
            resources.put(demand.name(), demand.resources());
        }
        PackingPlan plan = Repacking.repack(
                kind,
                current,
                topology,
                containers,
                OptionalInt.empty(),
                resources,
                order,
                bins(model, current.containers().size() + 1),
                placer,
                sizer(model.padding()));
        FitCheck.requireFits(plan, topology, settings);
        return plan;
    }
}
