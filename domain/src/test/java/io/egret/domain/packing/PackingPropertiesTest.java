package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.testing.RandomCases;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants every packer keeps, over random topologies, component sizes and container settings. */
final class PackingPropertiesTest {
    private static final long MEGABYTE = 1024L * 1024L;

    /** A scheduler limit every generated instance still fits under, with any generated padding. */
    private static final Resources SCHEDULER_LIMIT =
            new Resources(6, ByteAmount.ofGigabytes(6), ByteAmount.ofGigabytes(100));

    /** A random topology with the parallelism it is scaled to in an update. */
    record Scenario(TopologyDefinition topology, Map<String, Integer> scaled) {}

    /** A random scenario: 1 to 6 components, their sizes, container settings and the parallelism of an update. */
    static Scenario scenario(SplittableRandom random) {
        int count = random.nextInt(1, 7);
        Map<String, Integer> components = new LinkedHashMap<>();
        Map<String, Integer> scaledComponents = new LinkedHashMap<>();
        StringBuilder rammap = new StringBuilder();
        StringBuilder cpumap = new StringBuilder();
        for (int index = 0; index < count; index++) {
            String name = "c" + index;
            components.put(name, random.nextInt(1, 41));
            scaledComponents.put(name, random.nextInt(1, 61));
            if (random.nextDouble() >= 0.3) {
                long ram = random.nextLong(192, 4097) * MEGABYTE;
                rammap.append(rammap.isEmpty() ? "" : ",")
                        .append(name)
                        .append(':')
                        .append(ram);
            }
            if (random.nextDouble() >= 0.3) {
                double cpu = random.nextInt(1, 31) / 10.0;
                cpumap.append(cpumap.isEmpty() ? "" : ",")
                        .append(name)
                        .append(':')
                        .append(cpu);
            }
        }
        Map<String, String> topologyConfig = new HashMap<>();
        int total = components.values().stream().mapToInt(Integer::intValue).sum();
        topologyConfig.put("topology.stmgrs", Integer.toString(Math.min(random.nextInt(1, 13), total)));
        if (random.nextBoolean()) {
            topologyConfig.put("topology.container.ram", Long.toString(random.nextLong(6, 25) * 1024 * MEGABYTE));
        }
        if (random.nextBoolean()) {
            topologyConfig.put("topology.container.padding.percentage", Integer.toString(random.nextInt(0, 31)));
        }
        topologyConfig.put("topology.component.rammap", rammap.toString());
        topologyConfig.put("topology.component.cpumap", cpumap.toString());
        return new Scenario(TestingTopologies.topology(components, topologyConfig), scaledComponents);
    }

    static Stream<Arguments> scenariosWithPacker() {
        return RandomCases.of(
                300, random -> Arguments.of(scenario(random), random.nextBoolean(), random.nextBoolean()));
    }

    static Stream<Scenario> scenarios() {
        return RandomCases.of(200, PackingPropertiesTest::scenario);
    }

    static Stream<Arguments> scenariosWithAlgorithm() {
        return RandomCases.of(300, random -> Arguments.of(scenario(random), random.nextInt(0, 3)));
    }

    static Stream<Arguments> scenariosWithTargetAndAlgorithm() {
        return RandomCases.of(
                200, random -> Arguments.of(scenario(random), random.nextInt(1, 21), random.nextInt(0, 3)));
    }

    static Stream<Arguments> uniformInstances() {
        return RandomCases.of(100, random -> Arguments.of(random.nextInt(1, 5001), random.nextInt(192, 9217)));
    }

    @ParameterizedTest
    @MethodSource("scenariosWithPacker")
    void capacityPackersPlaceEveryInstanceOnceWithinCapacity(
            Scenario scenario, boolean firstFit, boolean schedulerLimit) {
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

    @ParameterizedTest
    @MethodSource("scenarios")
    void roundRobinPlacesEveryInstanceOnceInExactlyStmgrsContainers(Scenario scenario) {
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

    @ParameterizedTest
    @MethodSource("scenariosWithAlgorithm")
    void repackKeepsEveryUnchangedInstanceWhereItWas(Scenario scenario, int algorithmIndex) {
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
                if (kind == PackingAlgorithmKind.ROUND_ROBIN
                        && next.container(container).isEmpty()) {
                    // RoundRobin drops containers when the instance count falls, as Heron does: only the
                    // instances of a dropped container move.
                    assertThat(next.containers())
                            .hasSizeLessThan(current.containers().size());
                } else {
                    assertThat(after.get(instance)).as(instance.toString()).isEqualTo(container);
                }
            } else {
                // Only scale-down removes, and only the highest component indexes.
                assertThat(instance.componentIndex())
                        .isGreaterThanOrEqualTo(scenario.scaled().get(instance.component()));
            }
        });
    }

    static Stream<Arguments> scenariosWithTwoAlgorithms() {
        return RandomCases.of(
                200, random -> Arguments.of(scenario(random), random.nextInt(0, 3), random.nextInt(0, 3)));
    }

    @ParameterizedTest
    @MethodSource("scenariosWithTwoAlgorithms")
    void repackUnderAnotherAlgorithmGivesAPlanThatFits(Scenario scenario, int packedBy, int repackedBy) {
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

    @ParameterizedTest
    @MethodSource("scenariosWithTargetAndAlgorithm")
    void repackToATargetCountUsesExactlyThatManyContainers(Scenario scenario, int target, int algorithmIndex) {
        PackingAlgorithmKind kind = PackingAlgorithmKind.values()[algorithmIndex];
        PackingAlgorithm algorithm = PackingAlgorithms.of(kind);
        TopologyDefinition topology = scenario.topology().withConfig("topology.container.ram", "-1");
        PackingPlan current = algorithm.pack(topology, PackingSettings.defaults());
        int containers = Math.min(target, topology.totalInstances());
        PackingPlan minimal = PackingAlgorithms.of(PackingAlgorithmKind.FIRST_FIT_DECREASING)
                .pack(topology, PackingSettings.defaults());
        if (kind != PackingAlgorithmKind.ROUND_ROBIN
                && containers < minimal.containers().size()) {
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
            return;
        }

        assertPlacedOnceEach(next, topology);
        assertThat(FitCheck.check(next, topology, PackingSettings.defaults())).isEmpty();
        if (kind == PackingAlgorithmKind.ROUND_ROBIN
                || containers >= current.containers().size()) {
            assertThat(next.containers()).hasSize(containers);
        }
    }

    static Stream<Arguments> scenariosWithAlgorithmAndContainer() {
        return RandomCases.of(
                200, random -> Arguments.of(scenario(random), random.nextInt(0, 3), random.nextInt(0, 1001)));
    }

    @ParameterizedTest
    @MethodSource("scenariosWithAlgorithmAndContainer")
    void fitCheckNamesAnyContainerThatRequestsLessThanItsInstancesAndPadding(
            Scenario scenario, int algorithmIndex, int containerChoice) {
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

    @ParameterizedTest
    @MethodSource("uniformInstances")
    void firstFitDecreasingReachesTheLowerBoundForUniformInstances(int instances, int megabytes) {
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
