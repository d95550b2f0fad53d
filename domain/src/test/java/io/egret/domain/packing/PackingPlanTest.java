package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PackingPlanTest {
    private static final Resources INSTANCE = new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));
    private static final Resources CONTAINER = new Resources(2, ByteAmount.ofGigabytes(3), ByteAmount.ofGigabytes(3));

    @Test
    void ordersContainersByIdAndInstancesByTaskId() {
        PackingPlan plan = new PackingPlan("RoundRobin", List.of(container(2, 4, 3), container(1, 2, 1)));

        assertThat(plan.containers()).extracting(ContainerPlan::id).containsExactly(1, 2);
        assertThat(plan.container(2).orElseThrow().instances())
                .extracting(instance -> instance.id().taskId())
                .containsExactly(3, 4);
    }

    @Test
    void refusesATaskIdInTwoContainers() {
        assertThatThrownBy(() -> new PackingPlan("RoundRobin", List.of(container(1, 1, 2), container(2, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 2 appears twice in the plan");
    }

    @Test
    void refusesARepeatedFarAwayTaskId() {
        int far = Integer.MAX_VALUE - 1;
        assertThatThrownBy(() -> new PackingPlan("RoundRobin", List.of(container(1, far), container(2, far))))
                .hasMessage("task " + far + " appears twice in the plan");
    }

    @Test
    void refusesAContainerIdTwice() {
        assertThatThrownBy(() -> new PackingPlan("RoundRobin", List.of(container(1, 1), container(1, 2))))
                .hasMessage("container 1 appears twice in the plan");
    }

    @Test
    void reportsTheLargestContainerPerDimension() {
        ContainerPlan small = new ContainerPlan(
                1,
                List.of(new InstancePlan(new InstanceId("a", 1, 0), INSTANCE)),
                new Resources(4, ByteAmount.ofGigabytes(2), ByteAmount.ofGigabytes(9)));
        ContainerPlan large = new ContainerPlan(
                2,
                List.of(new InstancePlan(new InstanceId("a", 2, 1), INSTANCE)),
                new Resources(2, ByteAmount.ofGigabytes(8), ByteAmount.ofGigabytes(3)));

        PackingPlan plan = new PackingPlan("RoundRobin", List.of(small, large));

        assertThat(plan.maxContainerResources())
                .isEqualTo(new Resources(4, ByteAmount.ofGigabytes(8), ByteAmount.ofGigabytes(9)));
        assertThat(plan.instanceCount()).isEqualTo(2);
    }

    private static ContainerPlan container(int id, int... taskIds) {
        return new ContainerPlan(
                id,
                Arrays.stream(taskIds)
                        .mapToObj(taskId -> new InstancePlan(new InstanceId("bolt", taskId, 0), INSTANCE))
                        .toList(),
                CONTAINER);
    }
}
