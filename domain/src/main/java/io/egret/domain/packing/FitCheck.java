package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Checks a plan before anything is launched: every container requests at least its instances plus the
 * algorithm's padding, stays within the container size the topology config allows and within the scheduler's
 * largest container, and every instance meets the algorithm's minimums. Each violation names the container, the
 * component that takes the largest share, the numbers and the smallest change that fixes it.
 *
 * <p>The algorithm (and with it padding and minimums) is the one named in the plan. Runs in O(instances).
 */
public final class FitCheck {
    private static final double CPU_EPSILON = 1e-9;
    private static final int MAX_REPORTED = 5;

    private FitCheck() {}

    /** Returns the violations; empty when the plan fits. */
    public static List<FitViolation> check(PackingPlan plan, TopologyDefinition topology, PackingSettings settings) {
        requireNonNull(plan, "plan is null");
        requireNonNull(topology, "topology is null");
        requireNonNull(settings, "settings is null");
        PackingAlgorithmKind kind = PackingAlgorithmKind.fromConfig("the packing plan's algorithm", plan.algorithm());
        Rules rules = Rules.of(kind, topology.topologyConfig(), settings);
        List<FitViolation> violations = new ArrayList<>();
        for (ContainerPlan container : plan.containers()) {
            checkContainer(container, plan, rules, settings, violations);
        }
        return List.copyOf(violations);
    }

    /**
     * The padding each container of this algorithm reserves beyond its instances (for the stream manager, metrics
     * manager and the rest), so that dry-run output can show it rather than leave it implicit.
     */
    public static Resources padding(PackingAlgorithmKind kind, TopologyDefinition topology, PackingSettings settings) {
        requireNonNull(kind, "kind is null");
        requireNonNull(topology, "topology is null");
        requireNonNull(settings, "settings is null");
        return Rules.of(kind, topology.topologyConfig(), settings).padding();
    }

    /** Throws a user error listing the violations (the first few, and how many more) when there are any. */
    static void requireFits(PackingPlan plan, TopologyDefinition topology, PackingSettings settings) {
        List<FitViolation> violations = check(plan, topology, settings);
        if (violations.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(plan.algorithm() + " plan does not fit: ");
        for (int position = 0; position < Math.min(MAX_REPORTED, violations.size()); position++) {
            message.append(position == 0 ? "" : "; ")
                    .append(violations.get(position).message());
        }
        if (violations.size() > MAX_REPORTED) {
            message.append("; and ").append(violations.size() - MAX_REPORTED).append(" more");
        }
        throw EgretException.userError(message.toString());
    }

    private static void checkContainer(
            ContainerPlan container,
            PackingPlan plan,
            Rules rules,
            PackingSettings settings,
            List<FitViolation> violations) {
        Resources instances = CapacityPacking.sum(container.instances(), Resources.ZERO);
        Resources needed = instances.plus(rules.padding);
        Resources required = container.required();
        int id = container.id();

        if (needed.ram().isGreaterThan(required.ram())) {
            String component =
                    largest(container, instance -> instance.resources().ram().bytes());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " requests " + required.ram() + " of RAM but its instances need "
                            + instances.ram() + " (most of it '" + component + "') plus padding "
                            + rules.padding.ram() + " = " + needed.ram() + "; fix: raise its RAM request to at least "
                            + needed.ram() + " or move " + needed.ram().minus(required.ram())
                            + " of instances out"));
        }
        if (needed.cpu() > required.cpu() + CPU_EPSILON) {
            String component =
                    largest(container, instance -> instance.resources().cpu());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " requests " + Resources.formatCpu(required.cpu())
                            + " cores but its instances need " + Resources.formatCpu(instances.cpu())
                            + " (most of it '" + component + "') plus padding "
                            + Resources.formatCpu(rules.padding.cpu()) + " = " + Resources.formatCpu(needed.cpu())
                            + "; fix: raise its CPU request to at least " + Resources.formatCpu(needed.cpu())));
        }
        if (needed.disk().isGreaterThan(required.disk())) {
            String component =
                    largest(container, instance -> instance.resources().disk().bytes());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " requests " + required.disk() + " of disk but its instances need "
                            + instances.disk() + " (most of it '" + component + "') plus padding "
                            + rules.padding.disk() + " = " + needed.disk()
                            + "; fix: raise its disk request to at least "
                            + needed.disk()));
        }

        Resources request = required.max(needed);
        checkLimit(container, plan, rules, request, rules.limit, rules.limitName, false, violations);
        if (settings.maxContainer().isPresent()) {
            checkLimit(
                    container,
                    plan,
                    rules,
                    request,
                    settings.maxContainer().map(FitCheck::allDimensions),
                    "the scheduler's largest container",
                    true,
                    violations);
        }

        if (container.instances().size() > rules.maxInstances) {
            String component = largest(container, instance -> 1);
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " holds " + container.instances().size() + " instances, more than "
                            + TopologyConfig.CONTAINER_MAX_INSTANCES + " " + rules.maxInstances + "; fix: move "
                            + (container.instances().size() - rules.maxInstances)
                            + " instances out or raise " + TopologyConfig.CONTAINER_MAX_INSTANCES + " to "
                            + container.instances().size()));
        }

        Map<String, InstancePlan> belowMinimum = new LinkedHashMap<>();
        for (InstancePlan instance : container.instances()) {
            Resources resources = instance.resources();
            if (resources.ram().isLessThan(rules.minRam) || resources.cpu() < rules.minCpu - CPU_EPSILON) {
                belowMinimum.putIfAbsent(instance.component(), instance);
            }
        }
        for (InstancePlan instance : belowMinimum.values()) {
            Resources resources = instance.resources();
            violations.add(new FitViolation(
                    id,
                    instance.component(),
                    "component '" + instance.component() + "' has " + resources.ram() + " of RAM and "
                            + Resources.formatCpu(resources.cpu()) + " cores per instance in container " + id
                            + ", below " + rules.kind.shortName() + "'s minimum of " + rules.minRam
                            + (rules.minCpu > 0 ? " and " + Resources.formatCpu(rules.minCpu) + " cores" : "")
                            + "; fix: give '" + instance.component() + "' at least that in "
                            + TopologyConfig.COMPONENT_RAMMAP
                            + (rules.minCpu > 0 ? " and " + TopologyConfig.COMPONENT_CPUMAP : "")));
        }
    }

    /** The three dimensions of a limit, each optional (a topology hint may give only RAM). */
    private record Limit(Optional<ByteAmount> ram, Optional<Double> cpu, Optional<ByteAmount> disk) {}

    private static Limit allDimensions(Resources resources) {
        return new Limit(Optional.of(resources.ram()), Optional.of(resources.cpu()), Optional.of(resources.disk()));
    }

    private static void checkLimit(
            ContainerPlan container,
            PackingPlan plan,
            Rules rules,
            Resources request,
            Optional<Limit> maybeLimit,
            String limitName,
            boolean scheduler,
            List<FitViolation> violations) {
        if (maybeLimit.isEmpty()) {
            return;
        }
        Limit limit = maybeLimit.get();
        int id = container.id();
        if (limit.ram().isPresent() && request.ram().isGreaterThan(limit.ram().get())) {
            ByteAmount max = limit.ram().get();
            String component =
                    largest(container, instance -> instance.resources().ram().bytes());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " needs " + request.ram() + " of RAM ("
                            + container.instances().size()
                            + " instances, most of it '" + component + "', plus padding " + rules.padding.ram()
                            + "), more than " + limitName + " " + max + "; fix: "
                            + fix(
                                    container,
                                    plan,
                                    rules,
                                    scheduler,
                                    request.ram().minus(max) + " of RAM",
                                    request.ram().bytes() - rules.padding.ram().bytes(),
                                    max.bytes() - rules.padding.ram().bytes(),
                                    TopologyConfig.CONTAINER_RAM,
                                    max.toString())));
        }
        if (limit.cpu().isPresent() && request.cpu() > limit.cpu().get() + CPU_EPSILON) {
            double max = limit.cpu().get();
            String component =
                    largest(container, instance -> instance.resources().cpu());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " needs " + Resources.formatCpu(request.cpu()) + " cores ("
                            + container.instances().size() + " instances, most of it '" + component
                            + "', plus padding " + Resources.formatCpu(rules.padding.cpu()) + "), more than "
                            + limitName + " " + Resources.formatCpu(max) + "; fix: "
                            + fix(
                                    container,
                                    plan,
                                    rules,
                                    scheduler,
                                    Resources.formatCpu(request.cpu() - max) + " cores",
                                    request.cpu() - rules.padding.cpu(),
                                    max - rules.padding.cpu(),
                                    TopologyConfig.CONTAINER_CPU,
                                    Resources.formatCpu(max))));
        }
        if (limit.disk().isPresent()
                && request.disk().isGreaterThan(limit.disk().get())) {
            ByteAmount max = limit.disk().get();
            String component =
                    largest(container, instance -> instance.resources().disk().bytes());
            violations.add(new FitViolation(
                    id,
                    component,
                    "container " + id + " needs " + request.disk() + " of disk ("
                            + container.instances().size()
                            + " instances, most of it '" + component + "', plus padding " + rules.padding.disk()
                            + "), more than " + limitName + " " + max + "; fix: "
                            + fix(
                                    container,
                                    plan,
                                    rules,
                                    scheduler,
                                    request.disk().minus(max) + " of disk",
                                    request.disk().bytes()
                                            - rules.padding.disk().bytes(),
                                    max.bytes() - rules.padding.disk().bytes(),
                                    TopologyConfig.CONTAINER_DISK,
                                    max.toString())));
        }
    }

    /**
     * The smallest change for a container above a limit. RoundRobin sizes containers by how many instances share
     * one, so the fix is more containers; the capacity-driven packers size to the limit when they pack, so a
     * re-pack (or a smaller configured container) fixes it.
     */
    private static String fix(
            ContainerPlan container,
            PackingPlan plan,
            Rules rules,
            boolean scheduler,
            String excess,
            double instanceAmount,
            double allowedAmount,
            String key,
            String max) {
        if (rules.kind == PackingAlgorithmKind.ROUND_ROBIN && scheduler && rules.hints(key)) {
            // The container requests the hint whatever its instance count, so only a smaller hint helps.
            return "lower " + key + " to at most " + max + " (its instances then share less)";
        }
        if (rules.kind == PackingAlgorithmKind.ROUND_ROBIN) {
            int count = container.instances().size();
            double perInstance = instanceAmount / Math.max(1, count);
            long fitting = perInstance > 0 ? (long) Math.floor(allowedAmount / perInstance) : count;
            if (fitting >= 1 && fitting < count) {
                long containers = -Math.floorDiv(-(long) plan.instanceCount(), fitting);
                return "use at least " + containers + " containers (" + TopologyConfig.STMGRS + ", or the container"
                        + " count of an update) so that at most " + fitting + " instances share one, or lower the"
                        + " instances' resources by " + excess;
            }
            return scheduler
                    ? "lower " + key + " (or the instances' resources) so the container needs at most " + max
                    : "raise " + key + " by at least " + excess;
        }
        return scheduler
                ? "re-pack with the current settings: " + rules.kind.shortName()
                        + " never packs a container above the scheduler's limit, or lower " + key + " to at most " + max
                : "move " + excess + " of instances out of the container (a re-pack does), or raise " + key;
    }

    private static String largest(ContainerPlan container, ToDoubleFunction<InstancePlan> amount) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (InstancePlan instance : container.instances()) {
            totals.merge(instance.component(), amount.applyAsDouble(instance), Double::sum);
        }
        String largest = "";
        double most = -1;
        for (Map.Entry<String, Double> entry : totals.entrySet()) {
            if (entry.getValue() > most) {
                most = entry.getValue();
                largest = entry.getKey();
            }
        }
        return largest;
    }

    /** What an algorithm requires of a container and its instances. */
    private record Rules(
            PackingAlgorithmKind kind,
            Resources padding,
            Optional<Limit> limit,
            String limitName,
            int maxInstances,
            ByteAmount minRam,
            double minCpu) {

        static Rules of(PackingAlgorithmKind kind, TopologyConfig config, PackingSettings settings) {
            return switch (kind) {
                case ROUND_ROBIN -> {
                    RoundRobinModel model = RoundRobinModel.read(config);
                    Limit hints = new Limit(
                            model.ramHint(),
                            model.cpuHint().isPresent()
                                    ? Optional.of(model.cpuHint().getAsDouble())
                                    : Optional.empty(),
                            model.diskHint());
                    yield new Rules(
                            kind,
                            model.padding(),
                            Optional.of(hints),
                            "the topology's container size (topology.container.*)",
                            Integer.MAX_VALUE,
                            RoundRobinModel.MIN_INSTANCE_RAM,
                            0);
                }
                case FIRST_FIT_DECREASING ->
                    capacityRules(
                            kind,
                            BinPackingModel.read(config, settings, true),
                            FirstFitDecreasingPacking.MIN_INSTANCE_CPU);
                case RESOURCE_COMPLIANT_ROUND_ROBIN ->
                    capacityRules(kind, BinPackingModel.read(config, settings, false), 0);
            };
        }

        /** Whether the topology config gives the container size under this key (RoundRobin's hints). */
        boolean hints(String key) {
            if (limit.isEmpty()) {
                return false;
            }
            return switch (key) {
                case TopologyConfig.CONTAINER_RAM -> limit.get().ram().isPresent();
                case TopologyConfig.CONTAINER_CPU -> limit.get().cpu().isPresent();
                case TopologyConfig.CONTAINER_DISK -> limit.get().disk().isPresent();
                default -> false;
            };
        }

        private static Rules capacityRules(PackingAlgorithmKind kind, BinPackingModel model, double minCpu) {
            return new Rules(
                    kind,
                    model.padding(),
                    Optional.of(allDimensions(model.configured())),
                    "the topology's container capacity (topology.container.*, default " + model.sizeInInstances()
                            + " instances, topology.container.max.instances)",
                    model.maxInstances(),
                    CapacityPacking.MIN_INSTANCE_RAM,
                    minCpu);
        }
    }
}
