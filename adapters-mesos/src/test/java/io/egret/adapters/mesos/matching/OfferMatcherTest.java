package io.egret.adapters.mesos.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class OfferMatcherTest {

    @Test
    void aContainerThatFitsNowhereDoesNotStopSmallerOnes() {
        List<OfferMatcher.Pending<String>> pending = List.of(
                new OfferMatcher.Pending<>("huge", Demand.of(64, 1024, 0, 1)),
                new OfferMatcher.Pending<>("small-1", Demand.of(1, 512, 0, 1)),
                new OfferMatcher.Pending<>("small-2", Demand.of(1, 512, 0, 1)));
        List<ResourcePools> offers = List.of(pools(2, 1024, 0, 100, 109));

        OfferMatcher.Result<String> result = OfferMatcher.match(pending, offers);

        assertThat(result.placed()).extracting(OfferMatcher.Placement::key).containsExactly("small-1", "small-2");
        assertThat(result.unplaced()).extracting(OfferMatcher.Pending::key).containsExactly("huge");
    }

    @Test
    void portsAreCarvedFromAnyRangeIncludingOnesOfExactlyTheNeededSizeAndAcrossRanges() {
        ResourcePools offer = new ResourcePools()
                .addScalar(ResourcePools.Scalar.CPUS, 0, 10_000)
                .addScalar(ResourcePools.Scalar.MEM, 1, 10_000_000)
                .addPorts(2, 100, 108) // exactly nine ports: Heron never used such a range
                .addPorts(2, 200, 201)
                .addPorts(3, 300, 302);

        Allocation first = offer.take(Demand.of(1, 1, 0, 9));
        Allocation second = offer.take(Demand.of(1, 1, 0, 4));

        assertThat(first.portNumbers()).containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L);
        assertThat(second.portNumbers()).containsExactly(200L, 201L, 300L, 301L);
        assertThat(second.ports()).extracting(Allocation.PortTake::source).containsExactly(2, 3);
        assertThat(offer.freePorts()).isEqualTo(1);
    }

    @Test
    void amountsOfTheSameResourceAddUpAcrossEntriesAndAreTakenFromEach() {
        ResourcePools offer = new ResourcePools()
                .addScalar(ResourcePools.Scalar.CPUS, 0, 1_000) // unreserved
                .addScalar(ResourcePools.Scalar.CPUS, 4, 2_000) // reserved for the role
                .addScalar(ResourcePools.Scalar.MEM, 1, 4_000_000)
                .addPorts(2, 1, 10);

        Allocation allocation = offer.take(Demand.of(2.5, 1024, 0, 1));

        assertThat(allocation.scalars())
                .containsExactly(
                        new Allocation.ScalarTake(ResourcePools.Scalar.CPUS, 0, 1_000),
                        new Allocation.ScalarTake(ResourcePools.Scalar.CPUS, 4, 1_500),
                        new Allocation.ScalarTake(ResourcePools.Scalar.MEM, 1, 1_024_000));
        assertThat(offer.total(ResourcePools.Scalar.CPUS)).isEqualTo(500);
    }

    @Test
    void fillsOffersWithAsManyContainersAsFitAndSpillsToTheNext() {
        List<OfferMatcher.Pending<Integer>> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pending.add(new OfferMatcher.Pending<>(i, Demand.of(1, 1024, 100, 2)));
        }
        List<ResourcePools> offers =
                List.of(pools(3, 8192, 1000, 1, 100), pools(8, 2048, 1000, 1, 100), pools(8, 8192, 1000, 1, 3));

        OfferMatcher.Result<Integer> result = OfferMatcher.match(pending, offers);

        assertThat(result.placed()).extracting(OfferMatcher.Placement::offer).containsExactly(0, 0, 0, 1, 1, 2);
        assertThat(result.unplaced()).extracting(OfferMatcher.Pending::key).containsExactly(6);
    }

    static ResourcePools pools(double cpus, double mem, double disk, long portsBegin, long portsEnd) {
        return new ResourcePools()
                .addScalar(ResourcePools.Scalar.CPUS, 0, Demand.thousandths(cpus))
                .addScalar(ResourcePools.Scalar.MEM, 1, Demand.thousandths(mem))
                .addScalar(ResourcePools.Scalar.DISK, 2, Demand.thousandths(disk))
                .addPorts(3, portsBegin, portsEnd);
    }
}
