package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.gigabytes;
import static io.egret.domain.packing.TestingTopologies.megabytes;
import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.placement;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class FirstFitDecreasingPackingTest {
    private final PackingAlgorithm packing = PackingAlgorithms.of(PackingAlgorithmKind.FIRST_FIT_DECREASING);

    @Test
    void defaultContainerHoldsNineDefaultInstancesAfterPadding() {
        // Capacity 10 cores / 10 GB / 10 GB (ten instance defaults), padding max(1, 10%) = 1 in each dimension.
        PackingPlan plan = packing.pack(topology(parallelism("spout", 20), Map.of()), PackingSettings.defaults());

        assertThat(plan.algorithm()).isEqualTo("FirstFitDecreasing");
        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(9, 9, 2);
        assertThat(plan.container(1).orElseThrow().required())
                .isEqualTo(new Resources(10, ByteAmount.ofGigabytes(10), ByteAmount.ofGigabytes(10)));
        assertThat(plan.container(3).orElseThrow().required())
                .isEqualTo(new Resources(3, ByteAmount.ofGigabytes(3), ByteAmount.ofGigabytes(3)));
    }

    @Test
    void topologyStmgrsDoesNotDecideTheContainerCount() {
        PackingPlan plan = packing.pack(
                topology(parallelism("spout", 4), Map.of("topology.stmgrs", "4")), PackingSettings.defaults());

        assertThat(plan.containers()).hasSize(1);
    }

    @Test
    void paddingIsThePercentageOfCapacityWhenThatIsLarger() {
        // 20 GB RAM capacity: 10% = 2 GB padding beats the fixed 1 GB, leaving 18 GB = 4 instances of 4 GB.
        TopologyDefinition topology = topology(
                parallelism("spout", 8),
                Map.of(
                        "topology.container.ram",
                        Long.toString(gigabytes(20)),
                        "topology.component.rammap",
                        "spout:" + gigabytes(4)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(4, 4);
        assertThat(plan.container(1).orElseThrow().required().ram()).isEqualTo(ByteAmount.ofGigabytes(18));
    }

    @Test
    void largestInstancesGoFirstAndSmallerOnesFillTheGaps() {
        TopologyDefinition topology = topology(
                parallelism("spout", 2, "bolt", 2),
                Map.of("topology.component.rammap", "spout:" + gigabytes(4) + ",bolt:" + gigabytes(5)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("bolt", 1, 0), 1,
                        new InstanceId("bolt", 2, 1), 2,
                        new InstanceId("spout", 3, 0), 1,
                        new InstanceId("spout", 4, 1), 2));
    }

    @Test
    void cpuFirstStrategySortsByCpu() {
        TopologyDefinition topology = topology(
                parallelism("spout", 1, "bolt", 1),
                Map.of(
                        "topology.component.rammap", "spout:" + gigabytes(4),
                        "topology.component.cpumap", "bolt:4",
                        "topology.packing.ffd.sorting.strategy", "cpu_first"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(placement(plan)).containsKeys(new InstanceId("bolt", 1, 0), new InstanceId("spout", 2, 0));
    }

    @Test
    void unknownSortingStrategyListsTheValidOnes() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.packing.ffd.sorting.strategy", "DISK_FIRST"));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("topology config topology.packing.ffd.sorting.strategy is 'DISK_FIRST'; valid values are"
                        + " RAM_FIRST and CPU_FIRST");
    }

    @Test
    void maxInstancesPerContainerIsRespected() {
        TopologyDefinition topology = topology(
                parallelism("spout", 7),
                Map.of(
                        "topology.container.max.instances",
                        "3",
                        "topology.component.rammap",
                        "spout:" + megabytes(256),
                        "topology.component.cpumap",
                        "spout:0.5",
                        "topology.component.diskmap",
                        "spout:" + megabytes(256)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        // The default container is 3 cores, 3 GB, 3 GB: room for four such instances, but not allowed.
        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(3, 3, 1);
    }

    @Test
    void maxInstancesSizesTheDefaultContainerAsHeronDoes() {
        // Heron: container = 4 instance defaults (4 cores, 4 GB, 4 GB); padding = max(fixed, 10%) = 1 core, 1 GB,
        // 1 GB; so three default instances fit per container.
        TopologyDefinition topology =
                topology(parallelism("spout", 7), Map.of("topology.container.max.instances", "4"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(3, 3, 1);
        assertThat(plan.containers())
                .extracting(ContainerPlan::required)
                .first()
                .isEqualTo(new Resources(4.0, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(4)));
    }

    @Test
    void paddingIsTheLargerOfThePercentageOfTheDefaultContainerAndTheFixedPadding() {
        // 20 instance defaults: 20 cores, 20 GB; 10% padding (2 cores, 2 GB) beats the fixed 1 core, 1 GB, so 18
        // instances fit, leaving 2 for a second container.
        TopologyDefinition topology =
                topology(parallelism("spout", 20), Map.of("topology.container.max.instances", "20"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(18, 2);
        assertThat(plan.container(1).orElseThrow().required())
                .isEqualTo(new Resources(20.0, ByteAmount.ofGigabytes(20), ByteAmount.ofGigabytes(20)));
        assertThat(plan.container(2).orElseThrow().required())
                .isEqualTo(new Resources(4.0, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(4)));
    }

    @Test
    void ramPaddingAndCpuPaddingWinOverASmallPercentage() {
        // 10 instance defaults, 5%: 0.5 core and 0.5 GB, below the configured 2 cores and 3 GB padding.
        TopologyDefinition topology = topology(
                parallelism("spout", 10),
                Map.of(
                        "topology.container.padding.percentage", "5",
                        "topology.container.cpu.padding", "2",
                        "topology.container.ram.padding", String.valueOf(gigabytes(3))));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        // RAM leaves 7 GB for instances, CPU 8 cores: RAM decides.
        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(7, 3);
    }

    @Test
    void requestedContainerRamOfZeroIsAnErrorNotTheDefault() {
        TopologyDefinition topology = topology(parallelism("spout", 2), Map.of("topology.container.ram", "0"));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .isInstanceOf(EgretException.class)
                .hasMessageStartingWith("container RAM padding 1 GB (the larger of the fixed padding and 10% of the"
                        + " capacity) leaves no RAM for instances in topology.container.ram 0 bytes");
    }

    @Test
    void requestedContainerRamTooSmallForAnInstanceIsAnError() {
        // 1.5 GB minus 1 GB padding leaves 512 MB: a 1 GB instance cannot be placed anywhere.
        TopologyDefinition topology =
                topology(parallelism("spout", 2), Map.of("topology.container.ram", String.valueOf(megabytes(1536))));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("component 'spout' needs 1 GB of RAM per instance")
                .hasMessageContaining("a container has only 512 MB for instances");
    }

    @Test
    void schedulerLimitBelowTheConfiguredCapacityMeansSmallerContainers() {
        PackingSettings settings = PackingSettings.defaults()
                .withMaxContainer(new Resources(100, ByteAmount.ofGigabytes(5), ByteAmount.ofGigabytes(100)));

        PackingPlan plan = packing.pack(topology(parallelism("spout", 8), Map.of()), settings);

        // 5 GB - 1 GB padding: four 1 GB instances per container.
        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(4, 4);
        assertThat(plan.maxContainerResources().ram()).isEqualTo(ByteAmount.ofGigabytes(5));
    }

    @Test
    void ramBelowTheMinimumNamesComponentAndFix() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.component.rammap", "spout:" + megabytes(100)));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .isInstanceOf(EgretException.class)
                .hasMessage("component 'spout' has 100 MB of RAM per instance (topology.component.rammap), below"
                        + " FirstFitDecreasing's minimum of 192 MB; fix: set spout:201326592 (192 MB) or more in"
                        + " topology.component.rammap")
                .extracting(error -> ((EgretException) error).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void cpuBelowTheMinimumIsRefused() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.component.cpumap", "spout:0.05"));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("component 'spout' has 0.05 cores per instance (topology.component.cpumap), below"
                        + " FirstFitDecreasing's minimum of 0.1; fix: set spout:0.1 or more in"
                        + " topology.component.cpumap");
    }

    @Test
    void instanceLargerThanAContainerGetsTheSmallestContainerThatHoldsIt() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.component.rammap", "spout:" + gigabytes(12)));

        // 12 GB / (1 - 10%) = 14316557654 bytes beats 12 GB + 1 GB fixed padding.
        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("component 'spout' needs 12 GB of RAM per instance (topology.component.rammap), but a"
                        + " container has only 9 GB for instances: the default container RAM 10 GB (10 x"
                        + " heron.resources.instance.ram, topology.container.max.instances) minus padding 1 GB; fix: raise topology.container.ram to at"
                        + " least 13653.3 MB (14316557654 bytes), or lower 'spout' to at most 9 GB in"
                        + " topology.component.rammap");
    }

    @Test
    void paddingThatTakesTheWholeContainerIsRefused() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.container.ram", Long.toString(gigabytes(1))));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("container RAM padding 1 GB (the larger of the fixed padding and 10% of the capacity)"
                        + " leaves no RAM for instances in topology.container.ram 1 GB; fix: raise"
                        + " topology.container.ram above 1 GB or lower topology.container.ram.padding");
    }

    @Test
    void repackOfAComponentTheTopologyDoesNotDeclareIsRefused() {
        TopologyDefinition topology = topology(parallelism("spout", 2, "bolt", 2), Map.of());
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());
        TopologyDefinition renamed = topology(parallelism("spout", 2, "sink", 2), Map.of());

        assertThatThrownBy(() -> packing.repack(current, renamed, OptionalInt.empty(), PackingSettings.defaults()))
                .hasMessage("the running plan has component 'bolt', which topology 'test-topology' does not declare;"
                        + " an update can change parallelism but not add or remove components");
    }

    @Test
    void repackToMoreContainersThanInstancesIsRefused() {
        TopologyDefinition topology = topology(parallelism("spout", 2), Map.of());
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        assertThatThrownBy(() -> packing.repack(current, topology, OptionalInt.of(3), PackingSettings.defaults()))
                .hasMessage("cannot use 3 containers for 2 instances; ask for between 1 and 2 containers");
    }

    @Test
    void repackRemovesInPlaceAndFillsFreedRoomFirst() {
        TopologyDefinition topology = topology(parallelism("spout", 9, "bolt", 9), Map.of());
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());
        assertThat(current.containers()).hasSize(2);

        PackingPlan next = packing.repack(
                current,
                topology.withParallelism(Map.of("spout", 5, "bolt", 12)),
                OptionalInt.empty(),
                PackingSettings.defaults());

        Map<InstanceId, Integer> before = placement(current);
        Map<InstanceId, Integer> after = placement(next);
        assertThat(next.containers()).hasSize(2);
        assertThat(after)
                .doesNotContainKeys(
                        new InstanceId("spout", 6, 5),
                        new InstanceId("spout", 7, 6),
                        new InstanceId("spout", 8, 7),
                        new InstanceId("spout", 9, 8));
        after.forEach((instance, container) -> {
            if (before.containsKey(instance)) {
                assertThat(container).isEqualTo(before.get(instance));
            }
        });
        assertThat(after)
                .containsEntry(new InstanceId("bolt", 19, 9), 1)
                .containsEntry(new InstanceId("bolt", 20, 10), 1)
                .containsEntry(new InstanceId("bolt", 21, 11), 1);
    }

    @Test
    void repackToMoreContainersMovesJustTheirEvenShare() {
        TopologyDefinition topology = topology(parallelism("spout", 9, "bolt", 9), Map.of());
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(current, topology, OptionalInt.of(3), PackingSettings.defaults());

        assertThat(next.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(6, 6, 6);
        PlanDiff diff = PlanDiff.between(current, next);
        assertThat(diff.movedInstances()).hasSize(6);
        assertThat(diff.withKind(PlanDiff.ChangeKind.NEW))
                .singleElement()
                .satisfies(change -> assertThat(change.containerId()).isEqualTo(3));
    }

    @Test
    void repackOfARoundRobinPlanMovesOnlyWhatDoesNotFit() {
        // RoundRobin put 12 default instances in one container; FirstFitDecreasing allows 9 per container.
        TopologyDefinition topology = topology(parallelism("spout", 12), Map.of());
        PackingPlan roundRobin =
                PackingAlgorithms.of(PackingAlgorithmKind.ROUND_ROBIN).pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(roundRobin, topology, OptionalInt.empty(), PackingSettings.defaults());

        assertThat(next.algorithm()).isEqualTo("FirstFitDecreasing");
        assertThat(next.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(9, 3);
        assertThat(PlanDiff.between(roundRobin, next).movedInstances())
                .extracting(InstanceId::taskId)
                .containsExactlyInAnyOrder(10, 11, 12);
        assertThat(FitCheck.check(next, topology, PackingSettings.defaults())).isEmpty();
    }

    @Test
    void repackToFewerContainersThanTheInstancesNeedSaysHowManyWork() {
        TopologyDefinition topology = topology(parallelism("spout", 9, "bolt", 9), Map.of());
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        assertThatThrownBy(() -> packing.repack(current, topology, OptionalInt.of(1), PackingSettings.defaults()))
                .hasMessage("FirstFitDecreasing cannot place 18 instances in 1 containers: they need at least 2"
                        + " containers of this size; ask for 2 containers, omit the container count, or raise the"
                        + " container size in the topology config");
    }

    @Test
    void repackToFewerContainersReplacesOnlyTheRemovedContainersInstances() {
        TopologyDefinition topology = topology(parallelism("spout", 3, "bolt", 3), Map.of());
        PackingPlan spread = PackingAlgorithms.of(PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN)
                .pack(topology.withConfig("topology.stmgrs", "3"), PackingSettings.defaults());
        PackingPlan current = new PackingPlan("FirstFitDecreasing", spread.containers());

        PackingPlan next = packing.repack(current, topology, OptionalInt.of(2), PackingSettings.defaults());

        PlanDiff diff = PlanDiff.between(current, next);
        assertThat(diff.withKind(PlanDiff.ChangeKind.REMOVED))
                .extracting(PlanDiff.ContainerChange::containerId)
                .containsExactly(3);
        assertThat(diff.movedInstances()).hasSize(2);
    }
}
