package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.gigabytes;
import static io.egret.domain.packing.TestingTopologies.megabytes;
import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.placement;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class RoundRobinPackingTest {
    private final PackingAlgorithm packing = PackingAlgorithms.of(PackingAlgorithmKind.ROUND_ROBIN);

    @Test
    void defaultsDealInstancesInTurnAndPadEachContainer() {
        TopologyDefinition topology = topology(parallelism("spout", 2, "bolt", 2), Map.of("topology.stmgrs", "2"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.algorithm()).isEqualTo("RoundRobin");
        assertThat(plan.containers()).hasSize(2);
        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("spout", 1, 0), 1,
                        new InstanceId("spout", 2, 1), 2,
                        new InstanceId("bolt", 3, 0), 1,
                        new InstanceId("bolt", 4, 1), 2));
        for (ContainerPlan container : plan.containers()) {
            assertThat(container.instances())
                    .allSatisfy(instance -> assertThat(instance.resources())
                            .isEqualTo(new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1))));
            // 2 instances: 2 cores + 1 core padding, 2 GB + stmgr 1 GB + metricsmgr 1 GB, 2 GB + 12 GB disk padding
            assertThat(container.required())
                    .isEqualTo(new Resources(3.0, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(14)));
        }
    }

    @Test
    void oneContainerWithoutStmgrs() {
        PackingPlan plan = packing.pack(topology(parallelism("spout", 3), Map.of()), PackingSettings.defaults());

        assertThat(plan.containers()).singleElement().satisfies(container -> {
            assertThat(container.id()).isEqualTo(1);
            assertThat(container.instances()).hasSize(3);
        });
    }

    @Test
    void componentsWithLargerRamMapEntriesComeFirstAndKeepTheirRam() {
        TopologyDefinition topology = topology(
                parallelism("spout", 2, "bolt", 2),
                Map.of("topology.stmgrs", "2", "topology.component.rammap", "bolt:" + gigabytes(2)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("bolt", 1, 0), 1,
                        new InstanceId("bolt", 2, 1), 2,
                        new InstanceId("spout", 3, 0), 1,
                        new InstanceId("spout", 4, 1), 2));
        assertThat(plan.container(1).orElseThrow().instances())
                .extracting(instance -> instance.resources().ram())
                .containsExactly(ByteAmount.ofGigabytes(2), ByteAmount.ofGigabytes(1));
        assertThat(plan.container(1).orElseThrow().required().ram()).isEqualTo(ByteAmount.ofGigabytes(5));
    }

    @Test
    void containerRamHintIsSharedByInstancesWithoutRamMapEntries() {
        TopologyDefinition topology = topology(
                parallelism("spout", 2, "bolt", 2),
                Map.of(
                        "topology.stmgrs",
                        "2",
                        "topology.container.ram",
                        Long.toString(gigabytes(6)),
                        "topology.component.rammap",
                        "bolt:" + gigabytes(1)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        for (ContainerPlan container : plan.containers()) {
            assertThat(container.required().ram()).isEqualTo(ByteAmount.ofGigabytes(6));
            // 6 GB - 2 GB padding - 1 GB for the mapped bolt leaves 3 GB for the spout
            assertThat(container.instances())
                    .extracting(
                            InstancePlan::component,
                            instance -> instance.resources().ram())
                    .containsExactlyInAnyOrder(
                            tuple("bolt", ByteAmount.ofGigabytes(1)), tuple("spout", ByteAmount.ofGigabytes(3)));
        }
    }

    @Test
    void componentRamMapIsPerContainerBecauseSharesDiffer() {
        // 3 instances over 2 containers: container 1 splits 4 GB between two spouts, container 2 gives one 4 GB.
        TopologyDefinition topology = topology(
                parallelism("spout", 3),
                Map.of("topology.stmgrs", "2", "topology.container.ram", Long.toString(gigabytes(6))));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.container(1).orElseThrow().componentRam())
                .containsExactly(Map.entry("spout", ByteAmount.ofGigabytes(2)));
        assertThat(plan.container(2).orElseThrow().componentRam())
                .containsExactly(Map.entry("spout", ByteAmount.ofGigabytes(4)));
    }

    @Test
    void containerCpuHintIsSharedAfterOneCoreOfPadding() {
        TopologyDefinition topology = topology(
                parallelism("spout", 2, "bolt", 2), Map.of("topology.stmgrs", "2", "topology.container.cpu", "3"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        for (ContainerPlan container : plan.containers()) {
            assertThat(container.required().cpu()).isEqualTo(3.0);
            assertThat(container.instances())
                    .allSatisfy(
                            instance -> assertThat(instance.resources().cpu()).isEqualTo(1.0));
        }
    }

    @Test
    void ramPaddingIsTheDaemonsRam() {
        assertThat(containerRam(Map.of())).isEqualTo(ByteAmount.ofGigabytes(3));
        assertThat(containerRam(Map.of("topology.stmgr.ram", Long.toString(gigabytes(2)))))
                .isEqualTo(ByteAmount.ofGigabytes(4));
        assertThat(containerRam(Map.of("topology.container.ram.padding", Long.toString(megabytes(512)))))
                .isEqualTo(ByteAmount.ofMegabytes(1536));
    }

    private ByteAmount containerRam(Map<String, String> config) {
        return packing.pack(topology(parallelism("spout", 1), config), PackingSettings.defaults())
                .containers()
                .get(0)
                .required()
                .ram();
    }

    @Test
    void tooLittleRamPerInstanceNamesComponentNumbersAndTheSmallestFix() {
        TopologyDefinition topology = topology(
                parallelism("spout", 3), Map.of("topology.container.ram", Long.toString(gigabytes(2) + megabytes(30))));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .isInstanceOf(EgretException.class)
                .hasMessage("component 'spout' would get 10 MB of RAM per instance in container 1, below RoundRobin's"
                        + " minimum of 16 MB: topology.container.ram 2078 MB minus padding 2 GB (topology.stmgr.ram"
                        + " 1 GB + topology.metricsmgr.ram 1 GB) is shared by 3 instances (3 of 'spout'); fix: raise"
                        + " topology.container.ram to at least 2096 MB (2197815296 bytes), or raise topology.stmgrs"
                        + " to 3, or give 'spout' its own RAM in topology.component.rammap")
                .extracting(error -> ((EgretException) error).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void ramMapEntryBelowSixteenMegabytesIsRefused() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.component.rammap", "spout:" + megabytes(8)));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("component 'spout' has 8 MB of RAM per instance (topology.component.rammap), below"
                        + " RoundRobin's minimum of 16 MB; fix: set spout:16777216 (16 MB) or more in"
                        + " topology.component.rammap");
    }

    @Test
    void diskHintTooSmallForInstancesAndPaddingIsRefused() {
        TopologyDefinition topology =
                topology(parallelism("spout", 2), Map.of("topology.container.disk", Long.toString(gigabytes(13))));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("container 1 needs 2 GB of disk for 2 instances plus padding 12 GB, more than"
                        + " topology.container.disk 13 GB; fix: raise topology.container.disk to at least 14 GB");
    }

    @Test
    void moreContainersThanInstancesIsAUserError() {
        TopologyDefinition topology = topology(parallelism("spout", 2), Map.of("topology.stmgrs", "3"));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .isInstanceOf(EgretException.class)
                .hasMessage("topology config topology.stmgrs asks for 3 containers but the topology has only 2"
                        + " instances; set topology.stmgrs to at most 2");
    }

    @Test
    void containerAboveTheSchedulerLimitFailsWithTheContainerCountThatFits() {
        PackingSettings settings = PackingSettings.defaults()
                .withMaxContainer(new Resources(100, ByteAmount.ofGigabytes(3), ByteAmount.ofGigabytes(100)));

        assertThatThrownBy(() -> packing.pack(topology(parallelism("spout", 4), Map.of()), settings))
                .hasMessage("RoundRobin plan does not fit: container 1 needs 6 GB of RAM (4 instances, most of it"
                        + " 'spout', plus padding 2 GB), more than the scheduler's largest container 3 GB; fix: use"
                        + " at least 4 containers (topology.stmgrs, or the container count of an update) so that at"
                        + " most 1 instances share one, or lower the instances' resources by 3 GB of RAM");
    }

    @Test
    void ramHintAboveTheSchedulerLimitAsksForASmallerHint() {
        TopologyDefinition topology = topology(
                parallelism("spout", 4),
                Map.of("topology.stmgrs", "2", "topology.container.ram", Long.toString(gigabytes(8))));
        PackingSettings settings = PackingSettings.defaults()
                .withMaxContainer(new Resources(100, ByteAmount.ofGigabytes(6), ByteAmount.ofGigabytes(100)));

        assertThatThrownBy(() -> packing.pack(topology, settings))
                .hasMessageStartingWith("RoundRobin plan does not fit: container 1 needs 8 GB of RAM (2 instances, most"
                        + " of it 'spout', plus padding 2 GB), more than the scheduler's largest container 6 GB; fix:"
                        + " lower topology.container.ram to at most 6 GB (its instances then share less); container 2");
    }

    @Test
    void repackKeepsInstancesAndGivesNewContainersTheNewInstances() {
        TopologyDefinition topology = topology(parallelism("spout", 2, "bolt", 2), Map.of("topology.stmgrs", "2"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(
                current, topology.withParallelism(Map.of("bolt", 4)), OptionalInt.empty(), PackingSettings.defaults());

        // 6 instances at the running 2 per container: 3 containers; the new one takes the new bolts.
        assertThat(placement(next))
                .containsAllEntriesOf(placement(current))
                .containsEntry(new InstanceId("bolt", 5, 2), 3)
                .containsEntry(new InstanceId("bolt", 6, 3), 3);
        assertThat(PlanDiff.between(current, next).movedInstances()).isEmpty();
    }

    @Test
    void repackWithTheSameContainerCountDealsNewInstancesToTheLeastLoaded() {
        TopologyDefinition topology = topology(parallelism("spout", 2, "bolt", 2), Map.of("topology.stmgrs", "2"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(
                current, topology.withParallelism(Map.of("bolt", 4)), OptionalInt.of(2), PackingSettings.defaults());

        assertThat(placement(next))
                .containsAllEntriesOf(placement(current))
                .containsEntry(new InstanceId("bolt", 5, 2), 1)
                .containsEntry(new InstanceId("bolt", 6, 3), 2);
    }

    @Test
    void repackScaleDownRemovesTheHighestComponentIndexes() {
        TopologyDefinition topology = topology(parallelism("spout", 2, "bolt", 2), Map.of("topology.stmgrs", "2"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(
                current, topology.withParallelism(Map.of("bolt", 1)), OptionalInt.empty(), PackingSettings.defaults());

        assertThat(placement(next))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("spout", 1, 0), 1,
                        new InstanceId("spout", 2, 1), 2,
                        new InstanceId("bolt", 3, 0), 1));
    }

    @Test
    void repackToFewerContainersDealsTheDroppedContainersInstancesToTheLeastLoaded() {
        TopologyDefinition topology = topology(parallelism("spout", 3, "bolt", 3), Map.of("topology.stmgrs", "3"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(current, topology, OptionalInt.of(2), PackingSettings.defaults());

        PlanDiff diff = PlanDiff.between(current, next);
        assertThat(diff.withKind(PlanDiff.ChangeKind.REMOVED))
                .extracting(PlanDiff.ContainerChange::containerId)
                .containsExactly(3);
        assertThat(diff.movedInstances())
                .containsExactlyInAnyOrder(new InstanceId("spout", 3, 2), new InstanceId("bolt", 6, 2));
        assertThat(next.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(3, 3);
        // 3 instances now share a container: 3 GB + 2 GB padding.
        assertThat(next.containers())
                .allSatisfy(container -> assertThat(container.required().ram()).isEqualTo(ByteAmount.ofGigabytes(5)));
    }

    @Test
    void repackToMoreContainersMovesOnlyTheirShare() {
        TopologyDefinition topology = topology(parallelism("spout", 4, "bolt", 4), Map.of("topology.stmgrs", "2"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(current, topology, OptionalInt.of(4), PackingSettings.defaults());

        assertThat(next.containers()).extracting(ContainerPlan::id).containsExactly(1, 2, 3, 4);
        assertThat(next.containers())
                .allSatisfy(container -> assertThat(container.instances()).hasSize(2));
        assertThat(PlanDiff.between(current, next).movedInstances()).hasSize(4);
        assertThat(List.copyOf(placement(next).keySet()))
                .containsExactlyInAnyOrderElementsOf(placement(current).keySet());
    }
}
