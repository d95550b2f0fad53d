package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PlanDiffTest {
    private static final Resources INSTANCE = new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));
    private static final Resources SMALL = new Resources(2, ByteAmount.ofGigabytes(3), ByteAmount.ofGigabytes(3));
    private static final Resources LARGE = new Resources(3, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(4));

    private static final InstanceId SPOUT_0 = new InstanceId("spout", 1, 0);
    private static final InstanceId SPOUT_1 = new InstanceId("spout", 2, 1);
    private static final InstanceId BOLT_0 = new InstanceId("bolt", 3, 0);
    private static final InstanceId BOLT_1 = new InstanceId("bolt", 4, 1);

    @Test
    void classifiesEveryContainer() {
        PackingPlan before = new PackingPlan(
                "RoundRobin",
                List.of(container(1, SMALL, SPOUT_0), container(2, SMALL, SPOUT_1), container(3, SMALL, BOLT_0)));
        PackingPlan after = new PackingPlan(
                "RoundRobin",
                List.of(
                        container(1, SMALL, SPOUT_0),
                        container(2, LARGE, SPOUT_1, BOLT_0),
                        container(4, SMALL, BOLT_1)));

        PlanDiff diff = PlanDiff.between(before, after);

        assertThat(diff.containers())
                .containsExactly(
                        new PlanDiff.ContainerChange(
                                1,
                                PlanDiff.ChangeKind.UNAFFECTED,
                                Optional.of(SMALL),
                                Optional.of(SMALL),
                                List.of(),
                                List.of()),
                        new PlanDiff.ContainerChange(
                                2,
                                PlanDiff.ChangeKind.MODIFIED,
                                Optional.of(SMALL),
                                Optional.of(LARGE),
                                List.of(BOLT_0),
                                List.of()),
                        new PlanDiff.ContainerChange(
                                3,
                                PlanDiff.ChangeKind.REMOVED,
                                Optional.of(SMALL),
                                Optional.empty(),
                                List.of(),
                                List.of(BOLT_0)),
                        new PlanDiff.ContainerChange(
                                4,
                                PlanDiff.ChangeKind.NEW,
                                Optional.empty(),
                                Optional.of(SMALL),
                                List.of(BOLT_1),
                                List.of()));
        assertThat(diff.movedInstances()).containsExactly(BOLT_0);
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void changedRequestAloneIsAModification() {
        PackingPlan before = new PackingPlan("RoundRobin", List.of(container(1, SMALL, SPOUT_0)));
        PackingPlan after = new PackingPlan("RoundRobin", List.of(container(1, LARGE, SPOUT_0)));

        assertThat(PlanDiff.between(before, after).withKind(PlanDiff.ChangeKind.MODIFIED))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.added()).isEmpty();
                    assertThat(change.removed()).isEmpty();
                });
    }

    @Test
    void identicalPlansAreEmpty() {
        PackingPlan plan = new PackingPlan("RoundRobin", List.of(container(1, SMALL, SPOUT_0, SPOUT_1)));

        assertThat(PlanDiff.between(plan, plan).isEmpty()).isTrue();
    }

    private static ContainerPlan container(int id, Resources required, InstanceId... instances) {
        return new ContainerPlan(
                id,
                Arrays.stream(instances)
                        .map(instance -> new InstancePlan(instance, INSTANCE))
                        .toList(),
                required);
    }
}
