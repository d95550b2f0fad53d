package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.gigabytes;
import static io.egret.domain.packing.TestingTopologies.megabytes;
import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The packing cases Heron documents in its own packing tests, restated for Egret: the same topology (four spouts,
 * three bolts unless a case says otherwise) and config must give Heron's plan, one test per rule. Heron's test
 * harness runs the capacity packers with four instances per container, so those cases set
 * {@code topology.container.max.instances} to 4. Where Egret deliberately differs (container CPU is not rounded
 * to whole cores) the case says so.
 */
final class HeronPackingCasesTest {
    private static final Resources DEFAULT_INSTANCE =
            new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));

    private static TopologyDefinition spoutsAndBolts(int spouts, int bolts, Map<String, String> config) {
        return topology(parallelism("spout", spouts, "bolt", bolts), config);
    }

    private static Map<String, String> config(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int position = 0; position < keysAndValues.length; position += 2) {
            config.put(keysAndValues[position], keysAndValues[position + 1]);
        }
        return config;
    }

    private static List<Integer> sizes(PackingPlan plan) {
        return plan.containers().stream()
                .map(container -> container.instances().size())
                .collect(Collectors.toList());
    }

    @Nested
    final class FirstFitDecreasing {
        private final PackingAlgorithm packing = PackingAlgorithms.of(PackingAlgorithmKind.FIRST_FIT_DECREASING);

        @Test
        void defaultContainerIsMaxInstancesTimesTheInstanceDefault() {
            // 4 cores, 4 GB, 4 GB; padding max(1 core, 10%) = 1 core, 1 GB: three instances per container.
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(4, 3, config("topology.container.max.instances", "4")), PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(3);
            assertThat(plan.maxContainerResources()).isEqualTo(new Resources(4.0, gb(4), gb(4)));
        }

        @Test
        void paddingPercentageAboveTheFixedPaddingShrinksTheRoomForInstances() {
            // 50% of 4 GB = 2 GB beats the fixed 1 GB: two instances per container.
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.container.max.instances", "4",
                                    "topology.container.padding.percentage", "50")),
                    PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(4);
        }

        @Test
        void requestedContainerResourcesPadEachContainerByItsInstances() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.container.max.instances",
                                    "4",
                                    "topology.container.ram",
                                    String.valueOf(gigabytes(10)),
                                    "topology.container.disk",
                                    String.valueOf(gigabytes(20)),
                                    "topology.container.cpu",
                                    "30")),
                    PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(2);
            // Padding: max(1 core, 3 cores) = 3, max(1 GB, 1 GB) = 1 GB, max(1 GB, 2 GB) = 2 GB disk.
            for (ContainerPlan container : plan.containers()) {
                int count = container.instances().size();
                assertThat(container.instances())
                        .allSatisfy(instance -> assertThat(instance.resources()).isEqualTo(DEFAULT_INSTANCE));
                assertThat(container.required().ram()).isEqualTo(gb(count + 1));
                assertThat(container.required().disk()).isEqualTo(gb(count + 2));
                // Heron rounds this to whole cores; here it is exact (the same for whole-core instances).
                assertThat(container.required().cpu()).isEqualTo(count + 3.0);
            }
        }

        @Test
        void completeRamMapWithARequestedContainerRam() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.container.max.instances",
                                    "4",
                                    "topology.container.ram",
                                    String.valueOf(gigabytes(10)),
                                    "topology.component.rammap",
                                    "bolt:" + gigabytes(1) + ",spout:" + gigabytes(2))),
                    PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(3);
            assertThat(ramOf(plan, "spout")).containsOnly(gb(2));
            assertThat(ramOf(plan, "bolt")).containsOnly(gb(1));
        }

        @Test
        void partialRamMapGivesTheOthersTheInstanceDefault() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.container.max.instances",
                                    "4",
                                    "topology.container.ram",
                                    String.valueOf(gigabytes(10)),
                                    "topology.component.rammap",
                                    "bolt:" + gigabytes(4))),
                    PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(3);
            assertThat(ramOf(plan, "bolt")).containsOnly(gb(4));
            assertThat(ramOf(plan, "spout")).containsOnly(gb(1));
        }

        @Test
        void requestedContainerRamThatCannotHoldAnInstanceIsAnError() {
            assertThatThrownBy(() -> packing.pack(
                            spoutsAndBolts(4, 3, config("topology.container.ram", "0")), PackingSettings.defaults()))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining("leaves no RAM for instances in topology.container.ram 0 bytes");
        }

        @Test
        void requestedContainerCpuEatenByPaddingIsAnError() {
            assertThatThrownBy(() -> packing.pack(
                            spoutsAndBolts(4, 3, config("topology.container.cpu", "1.0")), PackingSettings.defaults()))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining("leaves no CPU for instances in topology.container.cpu 1");
        }

        @Test
        void scalingUpByFiveBoltsAddsOneContainer() {
            TopologyDefinition topology = spoutsAndBolts(4, 3, config("topology.container.max.instances", "4"));
            PackingPlan current = packing.pack(topology, PackingSettings.defaults());

            PackingPlan next = packing.repack(
                    current,
                    topology.withParallelism(Map.of("spout", 4, "bolt", 8)),
                    OptionalInt.empty(),
                    PackingSettings.defaults());

            assertThat(current.containers()).hasSize(3);
            // 3 + 3 + 1 hold 7; five more fill the third container and open a fourth: 3, 3, 3, 3.
            assertThat(next.containers()).hasSize(4);
        }

        /**
         * Deliberate difference: Heron removes instances where that empties containers (here: one container
         * left); Egret removes the highest component indexes, so survivors keep indexes 0..n-1, and frees only the
         * containers that end up empty.
         */
        @Test
        void scalingDownToOneSpoutAndOneBoltKeepsIndexZeroWhereItRuns() {
            TopologyDefinition topology = spoutsAndBolts(4, 3, config("topology.container.max.instances", "4"));
            PackingPlan current = packing.pack(topology, PackingSettings.defaults());

            PackingPlan next = packing.repack(
                    current,
                    topology.withParallelism(Map.of("spout", 1, "bolt", 1)),
                    OptionalInt.empty(),
                    PackingSettings.defaults());

            // Before: spouts 0-2 in container 1; spout 3, bolts 0-1 in container 2; bolt 2 in container 3.
            assertThat(TestingTopologies.placement(next))
                    .containsOnly(
                            Map.entry(new InstanceId("spout", 1, 0), 1), Map.entry(new InstanceId("bolt", 5, 0), 2));
        }
    }

    @Nested
    final class ResourceCompliantRoundRobin {
        private final PackingAlgorithm packing =
                PackingAlgorithms.of(PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN);

        @Test
        void maxInstancesSizesTheDefaultContainerButDoesNotLimitDensity() {
            // Default container 4 cores, 4 GB, 4 GB: three default instances fit in it.
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(4, 3, config("topology.container.max.instances", "4")), PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(3);
            assertThat(plan.containers())
                    .allSatisfy(container ->
                            assertThat(container.instances().size()).isLessThanOrEqualTo(3));

            // Small instances: more than four fit in a 4-core, 4 GB container, and nothing stops them.
            PackingPlan dense = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.container.max.instances",
                                    "4",
                                    "topology.component.rammap",
                                    "spout:" + megabytes(256) + ",bolt:" + megabytes(256),
                                    "topology.component.cpumap",
                                    "spout:0.25,bolt:0.25",
                                    "topology.component.diskmap",
                                    "spout:" + megabytes(256) + ",bolt:" + megabytes(256))),
                    PackingSettings.defaults());
            assertThat(dense.containers()).hasSize(1);
        }
    }

    @Nested
    final class RoundRobin {
        private final PackingAlgorithm packing = PackingAlgorithms.of(PackingAlgorithmKind.ROUND_ROBIN);

        @Test
        void evenPackingGivesEachContainerTheSameComponents() {
            PackingPlan plan =
                    packing.pack(spoutsAndBolts(4, 4, config("topology.stmgrs", "2")), PackingSettings.defaults());

            assertThat(sizes(plan)).containsExactly(4, 4);
            for (ContainerPlan container : plan.containers()) {
                assertThat(container.instances())
                        .extracting(InstancePlan::component)
                        .containsExactlyInAnyOrder("spout", "spout", "bolt", "bolt");
            }
        }

        @Test
        void withoutHintsOrMapsEveryContainerIsSizedLikeTheFullestAndSharesIt() {
            // Containers of 4 and 3 instances: both are sized for 4 default instances plus padding, so each of the
            // three instances of the smaller container gets a third of 4 GB and of 4 cores.
            PackingPlan plan =
                    packing.pack(spoutsAndBolts(4, 3, config("topology.stmgrs", "2")), PackingSettings.defaults());

            ContainerPlan full = plan.container(1).orElseThrow();
            ContainerPlan smaller = plan.container(2).orElseThrow();
            assertThat(full.instances())
                    .hasSize(4)
                    .allSatisfy(instance -> assertThat(instance.resources()).isEqualTo(DEFAULT_INSTANCE));
            assertThat(smaller.instances()).hasSize(3).allSatisfy(instance -> {
                assertThat(instance.resources().ram()).isEqualTo(ByteAmount.ofBytes(gigabytes(4) / 3));
                assertThat(instance.resources().cpu()).isCloseTo(4.0 / 3, within(1e-9));
                assertThat(instance.resources().disk()).isEqualTo(gb(1));
            });
            for (ContainerPlan container : plan.containers()) {
                // 4 GB + stmgr 1 GB + metricsmgr 1 GB (less the bytes a three-way split cannot share out).
                assertThat(container.required().ram().bytes()).isBetween(gigabytes(6) - 2, gigabytes(6));
                assertThat(container.required().cpu()).isCloseTo(5.0, within(1e-9));
                assertThat(container.required().disk()).isEqualTo(gb(4 + 12));
            }
        }

        @Test
        void requestedContainerResourcesAreSharedEvenlyAfterPadding() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.stmgrs",
                                    "2",
                                    "topology.container.ram",
                                    String.valueOf(gigabytes(10)),
                                    "topology.container.disk",
                                    String.valueOf(gigabytes(20)),
                                    "topology.container.cpu",
                                    "30")),
                    PackingSettings.defaults());

            assertThat(plan.containers()).hasSize(2);
            for (ContainerPlan container : plan.containers()) {
                int count = container.instances().size();
                assertThat(container.required()).isEqualTo(new Resources(30.0, gb(10), gb(20)));
                assertThat(container.instances())
                        .extracting(instance -> instance.resources().ram())
                        .containsOnly(ByteAmount.ofBytes((gigabytes(10) - gigabytes(2)) / count));
            }
        }

        @Test
        void configuredRamPaddingReplacesTheDaemonsRam() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.stmgrs", "2",
                                    "topology.container.ram", String.valueOf(gigabytes(10)),
                                    "topology.container.ram.padding", String.valueOf(megabytes(512)))),
                    PackingSettings.defaults());

            for (ContainerPlan container : plan.containers()) {
                int count = container.instances().size();
                assertThat(container.instances())
                        .extracting(instance -> instance.resources().ram())
                        .containsOnly(ByteAmount.ofBytes((gigabytes(10) - megabytes(512)) / count));
            }
        }

        @Test
        void partialRamMapLeavesTheRestOfTheContainerToTheOthers() {
            PackingPlan plan = packing.pack(
                    spoutsAndBolts(
                            4,
                            3,
                            config(
                                    "topology.stmgrs",
                                    "2",
                                    "topology.container.ram",
                                    String.valueOf(gigabytes(10)),
                                    "topology.component.rammap",
                                    "bolt:" + gigabytes(1))),
                    PackingSettings.defaults());

            for (ContainerPlan container : plan.containers()) {
                assertThat(container.required().ram()).isEqualTo(gb(10));
                long bolts = container.instances().stream()
                        .filter(instance -> instance.component().equals("bolt"))
                        .count();
                long spouts = container.instances().size() - bolts;
                for (InstancePlan instance : container.instances()) {
                    ByteAmount expected = instance.component().equals("bolt")
                            ? gb(1)
                            : ByteAmount.ofBytes((gigabytes(10) - bolts * gigabytes(1) - gigabytes(2)) / spouts);
                    assertThat(instance.resources().ram()).isEqualTo(expected);
                }
            }
        }

        @Test
        void requestedContainerRamOfZeroIsAnError() {
            assertThatThrownBy(() -> packing.pack(
                            spoutsAndBolts(4, 3, config("topology.stmgrs", "2", "topology.container.ram", "0")),
                            PackingSettings.defaults()))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining("topology.container.ram 0 bytes");
        }

        @Test
        void repackWithTheSameTotalKeepsTheContainerCount() {
            TopologyDefinition topology = spoutsAndBolts(4, 4, config("topology.stmgrs", "2"));
            PackingPlan current = packing.pack(topology, PackingSettings.defaults());

            PackingPlan next = packing.repack(
                    current,
                    topology.withParallelism(Map.of("spout", 3, "bolt", 5)),
                    OptionalInt.empty(),
                    PackingSettings.defaults());

            assertThat(sizes(next)).containsExactly(4, 4);
        }

        @Test
        void repackToFewerInstancesReducesTheContainerCount() {
            // Four instances per container before; four instances left: ceil(4 / 4) = 1 container, as in Heron.
            TopologyDefinition topology = spoutsAndBolts(4, 4, config("topology.stmgrs", "2"));
            PackingPlan current = packing.pack(topology, PackingSettings.defaults());

            PackingPlan next = packing.repack(
                    current,
                    topology.withParallelism(Map.of("spout", 2, "bolt", 2)),
                    OptionalInt.empty(),
                    PackingSettings.defaults());

            assertThat(next.containers()).singleElement().satisfies(container -> {
                assertThat(container.id()).isEqualTo(1);
                assertThat(container.instances()).hasSize(4);
            });
        }

        @Test
        void repackToMoreInstancesAddsContainersAtTheSameDensity() {
            TopologyDefinition topology = spoutsAndBolts(4, 4, config("topology.stmgrs", "2"));
            PackingPlan current = packing.pack(topology, PackingSettings.defaults());

            PackingPlan next = packing.repack(
                    current,
                    topology.withParallelism(Map.of("spout", 6, "bolt", 6)),
                    OptionalInt.empty(),
                    PackingSettings.defaults());

            assertThat(next.containers()).hasSize(3);
        }
    }

    private static ByteAmount gb(long count) {
        return ByteAmount.ofGigabytes(count);
    }

    private static List<ByteAmount> ramOf(PackingPlan plan, String component) {
        return plan.containers().stream()
                .flatMap(container -> container.instances().stream())
                .filter(instance -> instance.component().equals(component))
                .map(instance -> instance.resources().ram())
                .collect(Collectors.toList());
    }
}
