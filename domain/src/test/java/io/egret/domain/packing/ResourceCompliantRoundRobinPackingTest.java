package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.gigabytes;
import static io.egret.domain.packing.TestingTopologies.megabytes;
import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.placement;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class ResourceCompliantRoundRobinPackingTest {
    private final PackingAlgorithm packing = PackingAlgorithms.of(PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN);

    @Test
    void dealsComponentByComponentOverTheStmgrsContainers() {
        TopologyDefinition topology = topology(parallelism("spout", 3, "bolt", 3), Map.of("topology.stmgrs", "3"));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(plan.algorithm()).isEqualTo("ResourceCompliantRoundRobin");
        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("spout", 1, 0), 1,
                        new InstanceId("spout", 2, 1), 2,
                        new InstanceId("spout", 3, 2), 3,
                        new InstanceId("bolt", 4, 0), 1,
                        new InstanceId("bolt", 5, 1), 2,
                        new InstanceId("bolt", 6, 2), 3));
        // Two default instances plus padding of 1 core, 1 GB, 1 GB.
        assertThat(plan.containers())
                .allSatisfy(container -> assertThat(container.required())
                        .isEqualTo(new Resources(3, ByteAmount.ofGigabytes(3), ByteAmount.ofGigabytes(3))));
    }

    @Test
    void startsFromTheContainerCountTheDemandNeeds() {
        // 20 default instances, 9 per container at most: 3 containers, dealt evenly.
        PackingPlan plan = packing.pack(topology(parallelism("spout", 20), Map.of()), PackingSettings.defaults());

        assertThat(plan.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(7, 7, 6);
    }

    @Test
    void stmgrsAboveTheInstanceCountIsLowered() {
        PackingPlan plan = packing.pack(
                topology(parallelism("spout", 4), Map.of("topology.stmgrs", "10")), PackingSettings.defaults());

        assertThat(plan.containers()).hasSize(4);
    }

    @Test
    void skipsContainersWithoutRoom() {
        // 9 GB per container for instances: the second bolt does not fit next to the 8 GB spout.
        TopologyDefinition topology = topology(
                parallelism("spout", 1, "bolt", 3),
                Map.of(
                        "topology.stmgrs",
                        "2",
                        "topology.component.rammap",
                        "spout:" + gigabytes(8) + ",bolt:" + gigabytes(2)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("spout", 1, 0), 1,
                        new InstanceId("bolt", 2, 0), 2,
                        new InstanceId("bolt", 3, 1), 2,
                        new InstanceId("bolt", 4, 2), 2));
    }

    @Test
    void addsAContainerWhenNoneHasRoomInsteadOfStartingOver() {
        TopologyDefinition topology = topology(
                parallelism("spout", 2, "bolt", 1),
                Map.of("topology.component.rammap", "spout:" + gigabytes(8) + ",bolt:" + gigabytes(2)));

        PackingPlan plan = packing.pack(topology, PackingSettings.defaults());

        assertThat(placement(plan))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new InstanceId("spout", 1, 0), 1,
                        new InstanceId("spout", 2, 1), 2,
                        new InstanceId("bolt", 3, 0), 3));
        assertThat(FitCheck.check(plan, topology, PackingSettings.defaults())).isEmpty();
    }

    @Test
    void ramBelowTheMinimumIsRefused() {
        TopologyDefinition topology =
                topology(parallelism("spout", 1), Map.of("topology.component.rammap", "spout:" + megabytes(100)));

        assertThatThrownBy(() -> packing.pack(topology, PackingSettings.defaults()))
                .hasMessage("component 'spout' has 100 MB of RAM per instance (topology.component.rammap), below"
                        + " ResourceCompliantRoundRobin's minimum of 192 MB; fix: set spout:201326592 (192 MB) or"
                        + " more in topology.component.rammap");
    }

    @Test
    void repackDealsNewInstancesIntoContainersWithRoom() {
        TopologyDefinition topology = topology(parallelism("spout", 3, "bolt", 3), Map.of("topology.stmgrs", "3"));
        PackingPlan current = packing.pack(topology, PackingSettings.defaults());

        PackingPlan next = packing.repack(
                current, topology.withParallelism(Map.of("bolt", 6)), OptionalInt.empty(), PackingSettings.defaults());

        assertThat(placement(next)).containsAllEntriesOf(placement(current));
        assertThat(next.containers())
                .extracting(container -> container.instances().size())
                .containsExactly(3, 3, 3);
    }
}
