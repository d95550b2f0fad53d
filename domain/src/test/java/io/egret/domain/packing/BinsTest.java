package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.testing.RandomCases;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The segment tree must answer exactly what a linear scan over the containers answers. */
final class BinsTest {
    private static final Resources ANY = new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));

    static Stream<Arguments> demands() {
        return RandomCases.of(
                300, random -> Arguments.of(demandList(random), demandList(random), random.nextInt(1, 13)));
    }

    private static List<Integer> demandList(SplittableRandom random) {
        int size = random.nextInt(1, 401);
        List<Integer> demands = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            demands.add(random.nextInt(1, 10));
        }
        return demands;
    }

    @ParameterizedTest
    @MethodSource("demands")
    void firstFitFindsTheSameContainerAsALinearScan(List<Integer> cpuDemands, List<Integer> ramDemands, int slots) {
        Bins bins = new Bins(10, 10, 10, slots, 1);
        List<long[]> remaining = new ArrayList<>();
        int count = Math.min(cpuDemands.size(), ramDemands.size());
        for (int step = 0; step < count; step++) {
            long cpu = cpuDemands.get(step);
            long ram = ramDemands.get(step);
            int from = remaining.isEmpty() ? 0 : step % remaining.size();

            int expected = -1;
            for (int index = from; index < remaining.size(); index++) {
                long[] left = remaining.get(index);
                if (left[0] >= cpu && left[1] >= ram && left[3] >= 1) {
                    expected = index;
                    break;
                }
            }
            assertThat(bins.firstFit(from, bins.size(), cpu, ram, 0)).isEqualTo(expected);

            int index = expected;
            if (index < 0) {
                index = bins.open(bins.size() + 1);
                remaining.add(new long[] {10, 10, 10, slots});
            }
            InstancePlan instance = new InstancePlan(new InstanceId("c", step + 1, step), ANY);
            bins.add(index, instance, cpu, ram, 0);
            long[] left = remaining.get(index);
            left[0] -= cpu;
            left[1] -= ram;
            left[3] -= 1;
            // Every few steps give room back, as a scale-down does.
            if (step % 3 == 2 && bins.count(index) > 1) {
                bins.remove(index, instance, cpu, ram, 0);
                left[0] += cpu;
                left[1] += ram;
                left[3] += 1;
            }
        }
    }

    @Test
    void leastLoadedPrefersTheLowestIndexAmongTheEmptiest() {
        Bins bins = new Bins(100, 100, 100, 100, 2);
        for (int id = 1; id <= 5; id++) {
            bins.open(id);
        }
        bins.add(0, instance(1), 1, 1, 1);
        bins.add(1, instance(2), 1, 1, 1);
        bins.add(3, instance(3), 1, 1, 1);

        assertThat(bins.leastLoaded(0, 5)).isEqualTo(2);
        assertThat(bins.leastLoaded(3, 5)).isEqualTo(4);
        assertThat(bins.leastLoaded(0, 2)).isZero();
    }

    @Test
    void closedContainersTakeNothingAndGiveBackTheirInstances() {
        Bins bins = new Bins(10, 10, 10, 10, 1);
        bins.open(1);
        bins.open(2);
        bins.add(1, instance(1), 1, 1, 1);

        assertThat(bins.close(1)).containsExactly(instance(1));
        assertThat(bins.isOpen(1)).isFalse();
        assertThat(bins.firstFit(1, 2, 0, 0, 0)).isEqualTo(-1);
        assertThat(bins.leastLoaded(0, 2)).isZero();
    }

    @Test
    void growsPastTheExpectedContainerCount() {
        Bins bins = new Bins(1, 1, 1, 1, 1);
        for (int id = 1; id <= 100; id++) {
            int index = bins.open(id);
            bins.add(index, instance(id), 1, 1, 1);
        }

        assertThat(bins.size()).isEqualTo(100);
        assertThat(bins.firstFit(0, 100, 1, 1, 1)).isEqualTo(-1);
        assertThat(bins.containerId(99)).isEqualTo(100);
    }

    private static InstancePlan instance(int taskId) {
        return new InstancePlan(new InstanceId("c", taskId, taskId - 1), ANY);
    }
}
