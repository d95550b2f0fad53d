package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Heron's default packer: exactly {@code topology.stmgrs} containers, instances dealt to them in turn.
 *
 * <p>Components are taken by {@code topology.component.rammap} RAM, largest first (unmapped components count as
 * 0; ties by cpumap CPU, then declaration order), and instance k (0-based over that order) goes to container
 * {@code k mod stmgrs + 1}. Sizing, per container and per dimension (see {@link RoundRobinModel} for padding):
 *
 * <ul>
 *   <li>an instance whose component is in the rammap/cpumap/diskmap gets that value;
 *   <li>when {@code topology.container.ram} (or {@code .cpu}) is given, the container requests exactly that, and
 *       what is left after padding and mapped instances is shared evenly by the container's other instances;
 *   <li>without a container size and without any map entry in that dimension, every container is sized like the
 *       fullest one (its instance count times {@code heron.resources.instance.*}, plus padding) and that is shared
 *       evenly by its instances, so instances in less full containers get more than the default, as in Heron; the
 *       container requests what its instances got plus padding (CPU is not rounded to whole cores);
 *   <li>without a container size but with map entries in that dimension, unmapped instances get
 *       {@code heron.resources.instance.*} and the container requests the sum plus padding (Heron would share a
 *       size made for default instances and fail when mapped instances do not fit in it);
 *   <li>disk: the map or the instance default, never shared; the container requests {@code topology.container.disk},
 *       or without diskmap entries the fullest container's instance count times the default disk plus 12 GB, or
 *       the sum plus 12 GB.
 * </ul>
 *
 * Every instance needs at least 16 MB of RAM and some CPU. Padding is never silently dropped: where Heron warns
 * and "throttles" padding, Egret fails with the size that would fit.
 *
 * <p>Repack: Heron re-packs from scratch, so any instance may move. Egret keeps every instance in place where it
 * can (see {@link Repacking}). Without a requested count, the container count keeps the running plan's instances
 * per container, {@code ceil(newTotal x containers / currentTotal)} (Heron's rule, computed from the running plan
 * rather than the submitted topology), both when scaling up and when scaling down: fewer instances mean fewer
 * containers, as in Heron, and only the instances of the dropped highest-id containers move. New instances go to
 * the least loaded containers (added ones first); containers added for a larger
 * requested count take an even share from the fullest ones; instances of containers dropped for a smaller requested count are dealt to the least
 * loaded remaining ones. Resources are then recomputed by the rules above, so instances
 * sharing a {@code topology.container.ram} budget get a new share when their container's instance count
 * changes.
 */
final class RoundRobinPacking implements PackingAlgorithm {
    /** Round robin limits containers by count, not resources: these bins never run out of room. */
    private static final long UNLIMITED = Long.MAX_VALUE / 4;

    @Override
    public PackingAlgorithmKind kind() {
        return PackingAlgorithmKind.ROUND_ROBIN;
    }

    @Override
    public PackingPlan pack(TopologyDefinition topology, PackingSettings settings) {
        requireNonNull(topology, "topology is null");
        requireNonNull(settings, "settings is null");
        TopologyConfig config = topology.topologyConfig();
        RoundRobinModel model = RoundRobinModel.read(config);
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        int containerCount = config.streamManagers();
        int total = topology.totalInstances();
        if (containerCount < 1) {
            throw EgretException.userError(
                    "topology config " + TopologyConfig.STMGRS + " must be at least 1, got " + containerCount);
        }
        if (containerCount > total) {
            throw EgretException.userError("topology config " + TopologyConfig.STMGRS + " asks for " + containerCount
                    + " containers but the topology has only " + total + " instances; set " + TopologyConfig.STMGRS
                    + " to at most " + total);
        }
        List<ComponentDemand> sorted = demands.stream()
                .sorted(Comparator.comparingLong(RoundRobinPacking::mappedRam)
                        .thenComparingDouble(RoundRobinPacking::mappedCpu)
                        .reversed()
                        .thenComparingInt(ComponentDemand::order))
                .toList();
        List<List<InstancePlan>> members = new ArrayList<>(containerCount);
        List<Integer> ids = new ArrayList<>(containerCount);
        for (int index = 0; index < containerCount; index++) {
            members.add(new ArrayList<>(total / containerCount + 1));
            ids.add(index + 1);
        }
        int taskId = 0;
        for (ComponentDemand demand : sorted) {
            for (int componentIndex = 0; componentIndex < demand.parallelism(); componentIndex++) {
                InstancePlan instance =
                        new InstancePlan(new InstanceId(demand.name(), ++taskId, componentIndex), demand.resources());
                members.get((taskId - 1) % containerCount).add(instance);
            }
        }
        Sizing sizing = new Sizing(model, settings.instanceDefaults(), demands, total, false);
        PackingPlan plan = new PackingPlan(kind().shortName(), sizing.size(ids, members));
        FitCheck.requireFits(plan, topology, settings);
        return plan;
    }

    @Override
    public PackingPlan repack(
            PackingPlan current, TopologyDefinition topology, OptionalInt containers, PackingSettings settings) {
        requireNonNull(current, "current is null");
        requireNonNull(topology, "topology is null");
        requireNonNull(containers, "containers is null");
        requireNonNull(settings, "settings is null");
        RoundRobinModel model = RoundRobinModel.read(topology.topologyConfig());
        List<ComponentDemand> demands = ComponentDemand.read(topology, settings);
        Map<String, Resources> resources = new HashMap<>();
        for (ComponentDemand demand : demands) {
            resources.put(demand.name(), demand.resources());
        }
        int newTotal = topology.totalInstances();
        int currentTotal = Math.max(1, current.instanceCount());
        long keepingDensity =
                -Math.floorDiv(-(long) newTotal * current.containers().size(), currentTotal);
        int derived = (int) Math.max(1, Math.min(newTotal, keepingDensity));
        PackingPlan plan = Repacking.repack(
                kind(),
                current,
                topology,
                containers,
                OptionalInt.of(derived),
                resources,
                Comparator.comparing(InstancePlan::id),
                new Bins(
                        UNLIMITED,
                        UNLIMITED,
                        UNLIMITED,
                        UNLIMITED,
                        current.containers().size() + 1),
                (bins, from, to, cpu, ram, disk) -> bins.leastLoaded(from, to),
                new Sizing(model, settings.instanceDefaults(), demands, newTotal, true));
        FitCheck.requireFits(plan, topology, settings);
        return plan;
    }

    private static long mappedRam(ComponentDemand demand) {
        return demand.ramFromMap() ? demand.resources().ram().bytes() : 0;
    }

    private static double mappedCpu(ComponentDemand demand) {
        return demand.cpuFromMap() ? demand.resources().cpu() : 0;
    }

    /** Round robin's per-container sizing; see the class comment. */
    private static final class Sizing implements Repacking.Sizer {
        /** The model as configured; {@link #size} adds Heron's implicit container size where it applies. */
        private final RoundRobinModel configured;

        private final Resources instanceDefaults;
        private final Map<String, ComponentDemand> demands = new HashMap<>();
        private final int totalInstances;
        private final boolean repack;
        private final boolean ramMapped;
        private final boolean cpuMapped;
        private final boolean diskMapped;

        Sizing(
                RoundRobinModel configured,
                Resources instanceDefaults,
                List<ComponentDemand> demands,
                int totalInstances,
                boolean repack) {
            this.configured = configured;
            this.instanceDefaults = instanceDefaults;
            for (ComponentDemand demand : demands) {
                this.demands.put(demand.name(), demand);
            }
            this.totalInstances = totalInstances;
            this.repack = repack;
            this.ramMapped = demands.stream().anyMatch(ComponentDemand::ramFromMap);
            this.cpuMapped = demands.stream().anyMatch(ComponentDemand::cpuFromMap);
            this.diskMapped = demands.stream().anyMatch(ComponentDemand::diskFromMap);
        }

        @Override
        public List<ContainerPlan> size(List<Integer> containerIds, List<List<InstancePlan>> members) {
            checkMappedMinimum();
            int largest = 0;
            for (List<InstancePlan> container : members) {
                largest = Math.max(largest, container.size());
            }
            RoundRobinModel model =
                    configured.withImplicitHints(largest, instanceDefaults, ramMapped, cpuMapped, diskMapped);
            if (model.ramHint().isEmpty()
                    && model.cpuHint().isEmpty()
                    && model.diskHint().isEmpty()) {
                // Nothing is shared out: every instance has its map value or the default, as placed.
                List<ContainerPlan> containers = new ArrayList<>(members.size());
                for (int position = 0; position < members.size(); position++) {
                    List<InstancePlan> instances = resized(members.get(position));
                    containers.add(new ContainerPlan(
                            containerIds.get(position), instances, CapacityPacking.sum(instances, model.padding())));
                }
                return containers;
            }
            List<Composition> compositions = new ArrayList<>(members.size());
            for (int position = 0; position < members.size(); position++) {
                compositions.add(new Composition(containerIds.get(position), members.get(position)));
            }
            if (model.ramHint().isPresent()) {
                checkRamBudget(compositions, model.ramHint().get());
            }
            if (model.cpuHint().isPresent()) {
                checkCpuBudget(compositions, model.cpuHint().getAsDouble());
            }
            if (model.diskHint().isPresent()) {
                checkDisk(compositions, model.diskHint().get());
            }
            List<ContainerPlan> containers = new ArrayList<>(compositions.size());
            for (Composition composition : compositions) {
                containers.add(composition.plan(model));
            }
            return containers;
        }

        /** Instances as their component's demand sizes them (a repack may carry shares from an earlier split). */
        private List<InstancePlan> resized(List<InstancePlan> instances) {
            List<InstancePlan> result = null;
            for (int position = 0; position < instances.size(); position++) {
                InstancePlan instance = instances.get(position);
                Resources resources = demands.get(instance.component()).resources();
                if (!instance.resources().equals(resources)) {
                    if (result == null) {
                        result = new ArrayList<>(instances);
                    }
                    result.set(position, new InstancePlan(instance.id(), resources));
                }
            }
            return result == null ? instances : result;
        }

        private void checkMappedMinimum() {
            for (ComponentDemand demand : demands.values()) {
                boolean shared = !demand.ramFromMap() && configured.ramHint().isPresent();
                if (!shared && demand.resources().ram().isLessThan(RoundRobinModel.MIN_INSTANCE_RAM)) {
                    throw EgretException.userError("component '" + demand.name() + "' has "
                            + demand.resources().ram() + " of RAM per instance (" + demand.ramSource()
                            + "), below RoundRobin's minimum of " + RoundRobinModel.MIN_INSTANCE_RAM + "; fix: set "
                            + demand.name() + ":" + RoundRobinModel.MIN_INSTANCE_RAM.bytes() + " ("
                            + RoundRobinModel.MIN_INSTANCE_RAM + ") or more in " + TopologyConfig.COMPONENT_RAMMAP);
                }
            }
        }

        private void checkRamBudget(List<Composition> compositions, ByteAmount hint) {
            long padding = configured.padding().ram().bytes();
            Composition worst = null;
            long needed = 0;
            for (Composition composition : compositions) {
                long need = padding
                        + composition.mappedRam
                        + RoundRobinModel.MIN_INSTANCE_RAM.bytes() * composition.sharingRam;
                if (need > needed) {
                    needed = need;
                    worst = composition;
                }
            }
            if (worst == null || needed <= hint.bytes()) {
                return;
            }
            String fix = "raise " + TopologyConfig.CONTAINER_RAM + " to at least " + ByteAmount.ofBytes(needed) + " ("
                    + needed + " bytes)";
            if (worst.sharingRam == 0) {
                throw EgretException.userError("container " + worst.id + " cannot hold its instances: "
                        + TopologyConfig.COMPONENT_RAMMAP + " gives them " + ByteAmount.ofBytes(worst.mappedRam)
                        + " (" + worst.describe(true) + ") plus padding "
                        + configured.padding().ram() + " ("
                        + configured.ramPaddingOrigin() + "), more than " + TopologyConfig.CONTAINER_RAM + " " + hint
                        + "; fix: " + fix);
            }
            long budget = hint.bytes() - padding - worst.mappedRam;
            long perInstance = Math.max(0, budget) / worst.sharingRam;
            String component = worst.largestSharingComponent(true);
            long perContainerAtMinimum = (hint.bytes() - padding) / RoundRobinModel.MIN_INSTANCE_RAM.bytes();
            boolean nothingMapped = demands.values().stream().noneMatch(ComponentDemand::ramFromMap);
            if (nothingMapped && perContainerAtMinimum >= 1) {
                long containersNeeded = -Math.floorDiv(-(long) totalInstances, perContainerAtMinimum);
                fix += repack
                        ? ", or use at least " + containersNeeded + " containers"
                        : ", or raise " + TopologyConfig.STMGRS + " to " + containersNeeded;
            }
            fix += ", or give '" + component + "' its own RAM in " + TopologyConfig.COMPONENT_RAMMAP;
            throw EgretException.userError("component '" + component + "' would get " + ByteAmount.ofBytes(perInstance)
                    + " of RAM per instance in container " + worst.id + ", below RoundRobin's minimum of "
                    + RoundRobinModel.MIN_INSTANCE_RAM + ": " + TopologyConfig.CONTAINER_RAM + " " + hint
                    + " minus padding " + configured.padding().ram() + " (" + configured.ramPaddingOrigin() + ")"
                    + (worst.mappedRam > 0
                            ? " minus " + ByteAmount.ofBytes(worst.mappedRam) + " for rammap entries"
                            : "")
                    + " is shared by " + worst.sharingRam + " instances (" + worst.describe(false) + "); fix: "
                    + fix);
        }

        private void checkCpuBudget(List<Composition> compositions, double hint) {
            for (Composition composition : compositions) {
                double budget = hint - RoundRobinModel.CPU_PADDING - composition.mappedCpu;
                boolean tooSmall = composition.sharingCpu > 0 ? budget <= 1e-9 : budget < -1e-9;
                if (tooSmall) {
                    double floor = RoundRobinModel.CPU_PADDING + composition.mappedCpu;
                    throw EgretException.userError("container " + composition.id + " has no CPU left for "
                            + (composition.sharingCpu > 0
                                    ? composition.sharingCpu + " instances without a " + TopologyConfig.COMPONENT_CPUMAP
                                            + " entry"
                                    : "its instances")
                            + ": " + TopologyConfig.CONTAINER_CPU + " " + Resources.formatCpu(hint)
                            + " minus padding " + Resources.formatCpu(RoundRobinModel.CPU_PADDING) + " minus "
                            + Resources.formatCpu(composition.mappedCpu) + " for cpumap entries; fix: raise "
                            + TopologyConfig.CONTAINER_CPU + (composition.sharingCpu > 0 ? " above " : " to at least ")
                            + Resources.formatCpu(floor));
                }
            }
        }

        private void checkDisk(List<Composition> compositions, ByteAmount hint) {
            for (Composition composition : compositions) {
                long need = composition.disk + RoundRobinModel.DISK_PADDING.bytes();
                if (need > hint.bytes()) {
                    throw EgretException.userError("container " + composition.id + " needs "
                            + ByteAmount.ofBytes(composition.disk) + " of disk for " + composition.instances.size()
                            + " instances plus padding " + RoundRobinModel.DISK_PADDING + ", more than "
                            + TopologyConfig.CONTAINER_DISK + " " + hint + "; fix: raise "
                            + TopologyConfig.CONTAINER_DISK + " to at least " + ByteAmount.ofBytes(need));
                }
            }
        }

        /** One container's instances, counted the way sizing needs them. */
        private final class Composition {
            final int id;
            final List<InstancePlan> instances;
            final Map<String, Integer> counts = new LinkedHashMap<>();
            long mappedRam;
            int sharingRam;
            double mappedCpu;
            int sharingCpu;
            long disk;

            Composition(int id, List<InstancePlan> instances) {
                this.id = id;
                this.instances = instances;
                for (InstancePlan instance : instances) {
                    counts.merge(instance.component(), 1, Integer::sum);
                }
                for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                    ComponentDemand demand = demand(entry.getKey());
                    int count = entry.getValue();
                    if (demand.ramFromMap()) {
                        mappedRam += demand.resources().ram().bytes() * count;
                    } else {
                        sharingRam += count;
                    }
                    if (demand.cpuFromMap()) {
                        mappedCpu += demand.resources().cpu() * count;
                    } else {
                        sharingCpu += count;
                    }
                    disk += demand.resources().disk().bytes() * count;
                }
            }

            ComponentDemand demand(String component) {
                ComponentDemand demand = demands.get(component);
                if (demand == null) {
                    throw new IllegalStateException("no demand for component '" + component + "'");
                }
                return demand;
            }

            String describe(boolean mapped) {
                return counts.entrySet().stream()
                        .filter(entry -> demand(entry.getKey()).ramFromMap() == mapped)
                        .map(entry -> entry.getValue() + " of '" + entry.getKey() + "'")
                        .collect(Collectors.joining(", "));
            }

            String largestSharingComponent(boolean byRam) {
                String largest = null;
                int most = -1;
                for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                    ComponentDemand demand = demand(entry.getKey());
                    boolean sharing = byRam ? !demand.ramFromMap() : !demand.cpuFromMap();
                    if (sharing && entry.getValue() > most) {
                        most = entry.getValue();
                        largest = entry.getKey();
                    }
                }
                return largest;
            }

            ContainerPlan plan(RoundRobinModel model) {
                ByteAmount sharedRam = null;
                double sharedCpu = 0;
                if (model.ramHint().isPresent() && sharingRam > 0) {
                    long budget = model.ramHint().get().bytes()
                            - model.padding().ram().bytes()
                            - mappedRam;
                    sharedRam = ByteAmount.ofBytes(budget / sharingRam);
                }
                if (model.cpuHint().isPresent() && sharingCpu > 0) {
                    sharedCpu = (model.cpuHint().getAsDouble() - RoundRobinModel.CPU_PADDING - mappedCpu) / sharingCpu;
                }
                Map<String, Resources> perComponent = new HashMap<>();
                for (String component : counts.keySet()) {
                    ComponentDemand demand = demand(component);
                    Resources resources = demand.resources();
                    if (sharedRam != null && !demand.ramFromMap()) {
                        resources = resources.withRam(sharedRam);
                    }
                    if (model.cpuHint().isPresent() && !demand.cpuFromMap()) {
                        resources = resources.withCpu(sharedCpu);
                    }
                    perComponent.put(component, resources);
                }
                List<InstancePlan> sized = new ArrayList<>(instances.size());
                for (InstancePlan instance : instances) {
                    Resources resources = perComponent.get(instance.component());
                    sized.add(
                            instance.resources().equals(resources)
                                    ? instance
                                    : new InstancePlan(instance.id(), resources));
                }
                Resources sum = CapacityPacking.sum(sized, model.padding());
                // A configured size is requested as given; under an implicit one a container requests what its
                // instances got plus padding (Heron's rule), except disk, which instances do not share.
                Resources required = new Resources(
                        configured.cpuHint().orElse(sum.cpu()),
                        configured.ramHint().orElse(sum.ram()),
                        model.diskHint().orElse(sum.disk()));
                return new ContainerPlan(id, sized, required);
            }
        }
    }
}
