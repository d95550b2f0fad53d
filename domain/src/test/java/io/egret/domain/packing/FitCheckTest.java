package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FitCheckTest {
    private static final Resources DEFAULT_INSTANCE =
            new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));

    @Test
    void packedPlansFit() {
        TopologyDefinition topology = topology(parallelism("spout", 5, "bolt", 7), Map.of("topology.stmgrs", "2"));
        for (PackingAlgorithmKind kind : PackingAlgorithmKind.values()) {
            PackingPlan plan = PackingAlgorithms.of(kind).pack(topology, PackingSettings.defaults());

            assertThat(FitCheck.check(plan, topology, PackingSettings.defaults()))
                    .as(kind.shortName())
                    .isEmpty();
        }
    }

    @Test
    void paddingPerAlgorithmIsHeronsDefault() {
        TopologyDefinition topology = topology(parallelism("spout", 1), Map.of());

        assertThat(FitCheck.padding(PackingAlgorithmKind.ROUND_ROBIN, topology, PackingSettings.defaults()))
                .isEqualTo(new Resources(1, ByteAmount.ofGigabytes(2), ByteAmount.ofGigabytes(12)));
        assertThat(FitCheck.padding(PackingAlgorithmKind.FIRST_FIT_DECREASING, topology, PackingSettings.defaults()))
                .isEqualTo(new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1)));
        assertThat(FitCheck.padding(
                        PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN,
                        topology.withConfig("topology.container.cpu", "20"),
                        PackingSettings.defaults()))
                .isEqualTo(new Resources(2, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1)));
    }

    @Test
    void containerRequestingLessThanInstancesPlusPaddingNamesTheNumbers() {
        TopologyDefinition topology = topology(parallelism("spout", 1, "bolt", 2), Map.of());
        ContainerPlan container = new ContainerPlan(
                1,
                instances("spout", 1, 1, "bolt", 2, 2),
                new Resources(4, ByteAmount.ofMegabytes(3584), ByteAmount.ofGigabytes(4)));
        PackingPlan plan = new PackingPlan("FirstFitDecreasing", List.of(container));

        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults()))
                .containsExactly(new FitViolation(
                        1,
                        "bolt",
                        "container 1 requests 3584 MB of RAM but its instances need 3 GB (most of it 'bolt') plus"
                                + " padding 1 GB = 4 GB; fix: raise its RAM request to at least 4 GB or move 512 MB"
                                + " of instances out"));
    }

    @Test
    void containerAboveTheSchedulerLimitIsReported() {
        TopologyDefinition topology = topology(parallelism("spout", 4), Map.of());
        ContainerPlan container = new ContainerPlan(
                1, instances("spout", 1, 4), new Resources(5, ByteAmount.ofGigabytes(5), ByteAmount.ofGigabytes(5)));
        PackingPlan plan = new PackingPlan("ResourceCompliantRoundRobin", List.of(container));
        PackingSettings settings = PackingSettings.defaults()
                .withMaxContainer(new Resources(16, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(16)));

        assertThat(FitCheck.check(plan, topology, settings)).singleElement().satisfies(violation -> {
            assertThat(violation.containerId()).isEqualTo(1);
            assertThat(violation.component()).isEqualTo("spout");
            assertThat(violation.message())
                    .isEqualTo("container 1 needs 5 GB of RAM (4 instances, most of it 'spout', plus padding"
                            + " 1 GB), more than the scheduler's largest container 4 GB; fix: re-pack with"
                            + " the current settings: ResourceCompliantRoundRobin never packs a container"
                            + " above the scheduler's limit, or lower topology.container.ram to at most"
                            + " 4 GB");
        });
    }

    @Test
    void firstFitDecreasingDensityIsChecked() {
        TopologyDefinition topology = topology(parallelism("spout", 11), Map.of());
        Resources small = new Resources(0.5, ByteAmount.ofMegabytes(256), ByteAmount.ofMegabytes(256));
        List<InstancePlan> instances = new ArrayList<>();
        for (int index = 0; index < 11; index++) {
            instances.add(new InstancePlan(new InstanceId("spout", index + 1, index), small));
        }
        Resources required =
                CapacityPacking.sum(instances, new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1)));
        PackingPlan plan = new PackingPlan("FirstFitDecreasing", List.of(new ContainerPlan(1, instances, required)));

        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults()))
                .extracting(FitViolation::message)
                .containsExactly("container 1 holds 11 instances, more than topology.container.max.instances 10;"
                        + " fix: move 1 instances out or raise topology.container.max.instances to 11");
    }

    @Test
    void instanceBelowTheAlgorithmsMinimumIsReportedOncePerComponentAndContainer() {
        TopologyDefinition topology = topology(parallelism("spout", 2), Map.of());
        Resources tiny = new Resources(1, ByteAmount.ofMegabytes(100), ByteAmount.ofGigabytes(1));
        List<InstancePlan> instances = List.of(
                new InstancePlan(new InstanceId("spout", 1, 0), tiny),
                new InstancePlan(new InstanceId("spout", 2, 1), tiny));
        Resources required =
                CapacityPacking.sum(instances, new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1)));
        PackingPlan plan = new PackingPlan("FirstFitDecreasing", List.of(new ContainerPlan(3, instances, required)));

        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults()))
                .containsExactly(new FitViolation(
                        3,
                        "spout",
                        "component 'spout' has 100 MB of RAM and 1 cores per instance in container 3, below"
                                + " FirstFitDecreasing's minimum of 192 MB and 0.1 cores; fix: give 'spout' at least"
                                + " that in topology.component.rammap and topology.component.cpumap"));
    }

    @Test
    void roundRobinContainerAboveItsRamHintSuggestsMoreContainers() {
        TopologyDefinition topology =
                topology(parallelism("spout", 4), Map.of("topology.container.ram", Long.toString(6L << 30)));
        ContainerPlan container = new ContainerPlan(
                1, instances("spout", 1, 4), new Resources(5, ByteAmount.ofGigabytes(6), ByteAmount.ofGigabytes(16)));
        PackingPlan plan = new PackingPlan("RoundRobin", List.of(container));

        // 4 x 1 GB + 2 GB padding: exactly the 6 GB hint.
        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults())).isEmpty();

        TopologyDefinition smaller =
                topology(parallelism("spout", 4), Map.of("topology.container.ram", Long.toString(5L << 30)));
        assertThat(FitCheck.check(plan, smaller, PackingSettings.defaults()))
                .extracting(FitViolation::message)
                .containsExactly("container 1 needs 6 GB of RAM (4 instances, most of it 'spout', plus padding 2 GB),"
                        + " more than the topology's container size (topology.container.*) 5 GB; fix: use at least 2"
                        + " containers (topology.stmgrs, or the container count of an update) so that at most 3"
                        + " instances share one, or lower the instances' resources by 1 GB of RAM");
    }

    /** Instances of default size: component name, first task id, count, and so on. */
    private static List<InstancePlan> instances(Object... componentsTasksAndCounts) {
        List<InstancePlan> result = new ArrayList<>();
        for (int position = 0; position < componentsTasksAndCounts.length; position += 3) {
            String component = (String) componentsTasksAndCounts[position];
            int firstTask = (Integer) componentsTasksAndCounts[position + 1];
            int count = (Integer) componentsTasksAndCounts[position + 2];
            for (int index = 0; index < count; index++) {
                result.add(new InstancePlan(new InstanceId(component, firstTask + index, index), DEFAULT_INSTANCE));
            }
        }
        return result;
    }
}
