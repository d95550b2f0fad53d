package io.egret.domain.packing;

import static io.egret.domain.packing.TestingTopologies.parallelism;
import static io.egret.domain.packing.TestingTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class PackingAlgorithmsTest {
    @Test
    void everyKindHasAnAlgorithmThatNamesItselfInItsPlans() {
        for (PackingAlgorithmKind kind : PackingAlgorithmKind.values()) {
            PackingAlgorithm algorithm = PackingAlgorithms.of(kind);

            assertThat(algorithm.kind()).isEqualTo(kind);
            assertThat(algorithm
                            .pack(topology(parallelism("spout", 2), Map.of()), PackingSettings.defaults())
                            .algorithm())
                    .isEqualTo(kind.shortName());
        }
    }

    @Test
    void heronClassNamesSelectTheAlgorithms() {
        assertThat(PackingAlgorithms.of(PackingAlgorithmKind.fromConfig(
                                "heron.class.packing.algorithm",
                                "org.apache.heron.packing.binpacking.FirstFitDecreasingPacking"))
                        .kind())
                .isEqualTo(PackingAlgorithmKind.FIRST_FIT_DECREASING);
        assertThat(PackingAlgorithms.of(PackingAlgorithmKind.fromConfig(
                                "heron.class.repacking.algorithm",
                                "com.twitter.heron.packing.roundrobin.ResourceCompliantRRPacking"))
                        .kind())
                .isEqualTo(PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN);
    }
}
