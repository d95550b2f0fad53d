package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Invariants every packer keeps, over random topologies, component sizes and container settings. */
final class PackingPropertiesTest {
    private static final long MEGABYTE = 1024L * 1024L;

    /** A scheduler limit every generated instance still fits under, with any generated padding. */
    private static final Resources SCHEDULER_LIMIT =
            new Resources(6, ByteAmount.ofGigabytes(6), ByteAmount.ofGigabytes(100));

    /** A random topology with the parallelism it is scaled to in an update. */
    record Scenario(TopologyDefinition topology, Map<String, Integer> scaled) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> componentCount = Arbitraries.integers().between(1, 6);
        return componentCount.flatMap(count -> {
            Arbitrary<List<Integer>> parallelism =
                    Arbitraries.integers().between(1, 40).list().ofSize(count);
            Arbitrary<List<Integer>> scaled =
                    Arbitraries.integers().between(1, 60).list().ofSize(count);
            Arbitrary<List<Long>> ram = Arbitraries.longs()
                    .between(192, 4096)
                    .map(megabytes -> megabytes * MEGABYTE)
                    .injectNull(0.3)
                    .list()
                    .ofSize(count);
            Arbitrary<List<Double>> cpu = Arbitraries.integers()
                    .between(1, 30)
                    .map(tenths -> tenths / 10.0)
                    .injectNull(0.3)
                    .list()
                    .ofSize(count);
            Arbitrary<Map<String, String>> containerConfig = Combinators.combine(
                            Arbitraries.integers().between(1, 12),
                            Arbitraries.longs().between(6, 24).injectNull(0.5),
                            Arbitraries.integers().between(0, 30).injectNull(0.5))
                    .as((stmgrs, gigabytes, percentage) -> {
                        Map<String, String> config = new HashMap<>();
                        config.put("topology.stmgrs", Integer.toString(stmgrs));
                        if (gigabytes != null) {
                            config.put("topology.container.ram", Long.toString(gigabytes * 1024 * MEGABYTE));
                        }
                        if (percentage != null) {
                            config.put("topology.container.padding.percentage", Integer.toString(percentage));
                        }
                        return config;
                    });
            return Combinators.combine(parallelism, scaled, ram, cpu, containerConfig)
                    .as((counts, newCounts, rams, cpus, config) -> {
                        Map<String, Integer> components = new LinkedHashMap<>();
                        Map<String, Integer> scaledComponents = new LinkedHashMap<>();
                        StringBuilder rammap = new StringBuilder();
                        StringBuilder cpumap = new StringBuilder();
                        for (int index = 0; index < counts.size(); index++) {
                            String name = "c" + index;
                            components.put(name, counts.get(index));
                            scaledComponents.put(name, newCounts.get(index));
                            if (rams.get(index) != null) {
                                rammap.append(rammap.isEmpty() ? "" : ",")
                                        .append(name)
                                        .append(':')
                                        .append(rams.get(index));
                            }
                            if (cpus.get(index) != null) {
                                cpumap.append(cpumap.isEmpty() ? "" : ",")
                                        .append(name)
                                        .append(':')
                                        .append(cpus.get(index));
                            }
                        }
                        Map<String, String> topologyConfig = new HashMap<>(config);
                        topologyConfig.put("topology.component.rammap", rammap.toString());
                        topologyConfig.put("topology.component.cpumap", cpumap.toString());
                        int total = counts.stream().mapToInt(Integer::intValue).sum();
                        int stmgrs = Integer.parseInt(topologyConfig.get("topology.stmgrs"));
                        topologyConfig.put("topology.stmgrs", Integer.toString(Math.min(stmgrs, total)));
                        return new Scenario(TestingTopologies.topology(components, topologyConfig), scaledComponents);
                    });
        });
    }

    @Property(tries = 300)
    void capacityPackersPlaceEveryInstanceOnceWithinCapacity(
            @ForAll("scenarios") Scenario scenario, @ForAll boolean firstFit, @ForAll boolean schedulerLimit) {
        PackingAlgorithm algorithm = PackingAlgorithms.of(
                firstFit
                        ? PackingAlgorithmKind.FIRST_FIT_DECREASING
                        : PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN);
        TopologyDefinition topology = scenario.topology();
        PackingSettings settings = schedulerLimit
                ? PackingSettings.defaults().withMaxContainer(SCHEDULER_LIMIT)
                : PackingSettings.defaults();

        PackingPlan plan = algorithm.pack(topology, settings);

        assertPlacedOnceEach(plan, topology);
        assertWithinCapacity(plan, topology, firstFit, settings);
        assertThat(FitCheck.check(plan, topology, settings)).isEmpty();
    }

    @Property(tries = 200)
    void roundRobinPlacesEveryInstanceOnceInExactlyStmgrsContainers(@ForAll("scenarios") Scenario scenario) {
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");

        PackingPlan plan =
                PackingAlgorithms.of(PackingAlgorithmKind.ROUND_ROBIN).pack(topology, PackingSettings.defaults());

        assertPlacedOnceEach(plan, topology);
        assertThat(plan.containers()).hasSize(topology.topologyConfig().streamManagers());
        int most = plan.containers().stream()
                .mapToInt(c -> c.instances().size())
                .max()
                .orElseThrow();
        int least = plan.containers().stream()
                .mapToInt(c -> c.instances().size())
                .min()
                .orElseThrow();
        assertThat(most - least).isLessThanOrEqualTo(1);
        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults())).isEmpty();
    }

    @Property(tries = 300)
    void repackKeepsEveryUnchangedInstanceWhereItWas(
            @ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 0, max = 2) int algorithmIndex) {
        PackingAlgorithmKind kind = PackingAlgorithmKind.values()[algorithmIndex];
        PackingAlgorithm algorithm = PackingAlgorithms.of(kind);
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");
        PackingPlan current = algorithm.pack(topology, PackingSettings.defaults());
        TopologyDefinition scaled = topology.withParallelism(scenario.scaled());

        PackingPlan next = algorithm.repack(current, scaled, OptionalInt.empty(), PackingSettings.defaults());

        assertPlacedOnceEach(next, scaled);
        assertThat(FitCheck.check(next, scaled, PackingSettings.defaults())).isEmpty();
        Map<InstanceId, Integer> after = TestingTopologies.placement(next);
        TestingTopologies.placement(current).forEach((instance, container) -> {
            if (after.containsKey(instance)) {
                assertThat(after.get(instance)).as(instance.toString()).isEqualTo(container);
            } else {
                // Only scale-down removes, and only the highest component indexes.
                assertThat(instance.componentIndex())
                        .isGreaterThanOrEqualTo(scenario.scaled().get(instance.component()));
            }
        });
    }

    @Property(tries = 200)
    void repackUnderAnotherAlgorithmGivesAPlanThatFits(
            @ForAll("scenarios") Scenario scenario,
            @ForAll @IntRange(min = 0, max = 2) int packedBy,
            @ForAll @IntRange(min = 0, max = 2) int repackedBy) {
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");
        PackingPlan current = PackingAlgorithms.of(PackingAlgorithmKind.values()[packedBy])
                .pack(topology, PackingSettings.defaults());
        TopologyDefinition scaled = topology.withParallelism(scenario.scaled());

        PackingPlan next = PackingAlgorithms.of(PackingAlgorithmKind.values()[repackedBy])
                .repack(current, scaled, OptionalInt.empty(), PackingSettings.defaults());

        assertPlacedOnceEach(next, scaled);
        assertThat(next.algorithm()).isEqualTo(PackingAlgorithmKind.values()[repackedBy].shortName());
        assertThat(FitCheck.check(next, scaled, PackingSettings.defaults())).isEmpty();
    }

    @Property(tries = 200)
    void repackToATargetCountUsesExactlyThatManyContainers(
            @ForAll("scenarios") Scenario scenario,
            @ForAll @IntRange(min = 1, max = 20) int target,
            @ForAll @IntRange(min = 0, max = 2) int algorithmIndex) {
        PackingAlgorithmKind kind = PackingAlgorithmKind.values()[algorithmIndex];
        PackingAlgorithm algorithm = PackingAlgorithms.of(kind);
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");
        PackingPlan current = algorithm.pack(topology, PackingSettings.defaults());
        int containers = Math.min(target, topology.totalInstances());
        PackingPlan minimal = PackingAlgorithms.of(PackingAlgorithmKind.FIRST_FIT_DECREASING)
                .pack(topology, PackingSettings.defaults());
        if (kind != PackingAlgorithmKind.ROUND_ROBIN
                && containers < minimal.containers().size()) {
            Statistics.label("outcome").collect("fewer containers than any packing needs");
            return;
        }

        PackingPlan next;
        try {
            next = algorithm.repack(current, topology, OptionalInt.of(containers), PackingSettings.defaults());
        } catch (EgretException e) {
            // Instances that stay put can leave too little room in fewer containers: the error names a count
            // that works, and that count must be larger than the one asked for.
            assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR);
            assertThat(e.getMessage()).contains("cannot place").contains("in " + containers + " containers");
            assertThat(kind).isNotEqualTo(PackingAlgorithmKind.ROUND_ROBIN);
            Statistics.label("outcome").collect("refused with a count that works");
            return;
        }
        Statistics.label("outcome").collect("repacked");

        assertPlacedOnceEach(next, topology);
        assertThat(FitCheck.check(next, topology, PackingSettings.defaults())).isEmpty();
        if (kind == PackingAlgorithmKind.ROUND_ROBIN
                || containers >= current.containers().size()) {
            assertThat(next.containers()).hasSize(containers);
        }
    }

    @Property(tries = 200)
    void fitCheckNamesAnyContainerThatRequestsLessThanItsInstancesAndPadding(
            @ForAll("scenarios") Scenario scenario,
            @ForAll @IntRange(min = 0, max = 2) int algorithmIndex,
            @ForAll @IntRange(min = 0, max = 1000) int containerChoice) {
        PackingAlgorithmKind kind = PackingAlgorithmKind.values()[algorithmIndex];
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");
        PackingPlan plan = PackingAlgorithms.of(kind).pack(topology, PackingSettings.defaults());
        ContainerPlan victim =
                plan.containers().get(containerChoice % plan.containers().size());
        Resources required = victim.required();
        ContainerPlan shrunk =
                victim.withRequired(required.withRam(required.ram().minus(ByteAmount.ofBytes(1))));
        List<ContainerPlan> containers = new ArrayList<>(plan.containers());
        containers.set(containers.indexOf(victim), shrunk);

        List<FitViolation> violations =
                FitCheck.check(new PackingPlan(plan.algorithm(), containers), topology, PackingSettings.defaults());

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.containerId()).isEqualTo(victim.id());
            assertThat(victim.countOf(violation.component())).isPositive();
            assertThat(violation.message()).startsWith("container " + victim.id() + " requests");
        });
    }

    @Property(tries = 100)
    void firstFitDecreasingReachesTheLowerBoundForUniformInstances(
            @ForAll @IntRange(min = 1, max = 5000) int instances,
            @ForAll @IntRange(min = 192, max = 9216) int megabytes) {
        TopologyDefinition topology = TestingTopologies.topology(
                Map.of("spout", instances), Map.of("topology.component.rammap", "spout:" + megabytes * MEGABYTE));

        PackingPlan plan = PackingAlgorithms.of(PackingAlgorithmKind.FIRST_FIT_DECREASING)
                .pack(topology, PackingSettings.defaults());

        // 9 GB, 9 cores and 9 GB disk usable per container, at most 10 instances.
        long perContainer = Math.min(10, Math.min(9, 9216 / megabytes));
        assertThat(plan.containers()).hasSize((int) ((instances + perContainer - 1) / perContainer));
    }

    private static void assertPlacedOnceEach(PackingPlan plan, TopologyDefinition topology) {
        Map<String, Integer> counts = new HashMap<>();
        Set<Integer> taskIds = new HashSet<>();
        for (ContainerPlan container : plan.containers()) {
            assertThat(container.instances()).isNotEmpty();
            for (InstancePlan instance : container.instances()) {
                counts.merge(instance.component(), 1, Integer::sum);
                assertThat(taskIds.add(instance.id().taskId())).isTrue();
            }
        }
        assertThat(counts).isEqualTo(topology.parallelism());
        for (String component : topology.componentNames()) {
            Set<Integer> indexes = new HashSet<>();
            for (ContainerPlan container : plan.containers()) {
                for (InstancePlan instance : container.instances()) {
                    if (instance.component().equals(component)) {
                        indexes.add(instance.id().componentIndex());
                    }
                }
            }
            assertThat(indexes).hasSize(topology.parallelism().get(component));
        }
    }

    /** Checks against capacity and padding computed here from the config, independently of the packers. */
    private static void assertWithinCapacity(
            PackingPlan plan, TopologyDefinition topology, boolean firstFit, PackingSettings settings) {
        Map<String, String> config = topology.config();
        long gigabyte = 1024 * MEGABYTE;
        long ramCapacity = Long.parseLong(config.getOrDefault("topology.container.ram", Long.toString(10 * gigabyte)));
        double cpuCapacity = 10;
        long diskCapacity = 10 * gigabyte;
        if (settings.maxContainer().isPresent()) {
            Resources max = settings.maxContainer().get();
            ramCapacity = Math.min(ramCapacity, max.ram().bytes());
            cpuCapacity = Math.min(cpuCapacity, max.cpu());
            diskCapacity = Math.min(diskCapacity, max.disk().bytes());
        }
        int percentage = Integer.parseInt(config.getOrDefault("topology.container.padding.percentage", "10"));
        long ramPadding = Math.max(gigabyte, ramCapacity * percentage / 100);
        double cpuPadding = Math.max(1.0, cpuCapacity * percentage / 100);
        long diskPadding = Math.max(gigabyte, diskCapacity * percentage / 100);
        for (ContainerPlan container : plan.containers()) {
            Resources used = container.instanceResources();
            assertThat(used.ram().bytes() + ramPadding).isLessThanOrEqualTo(ramCapacity);
            assertThat(used.cpu() + cpuPadding).isLessThanOrEqualTo(cpuCapacity + 1e-9);
            assertThat(used.disk().bytes() + diskPadding).isLessThanOrEqualTo(diskCapacity);
            assertThat(container.required().ram().bytes()).isLessThanOrEqualTo(ramCapacity);
            assertThat(container.required().cpu()).isLessThanOrEqualTo(cpuCapacity + 1e-9);
            if (firstFit) {
                assertThat(container.instances().size()).isLessThanOrEqualTo(10);
            }
        }
    }
}
