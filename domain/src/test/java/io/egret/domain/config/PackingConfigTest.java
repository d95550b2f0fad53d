package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.packing.PackingAlgorithmKind;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PackingConfigTest {
    @Test
    void defaults() {
        PackingConfig packing = PackingConfig.from(config(
                Map.of("heron.class.packing.algorithm", "org.apache.heron.packing.roundrobin.RoundRobinPacking")));

        assertThat(packing)
                .isEqualTo(new PackingConfig(
                        PackingAlgorithmKind.ROUND_ROBIN,
                        PackingAlgorithmKind.ROUND_ROBIN,
                        new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1))));
    }

    @Test
    void explicitMapping() {
        EffectiveConfig config = config(Map.of(
                "heron.class.packing.algorithm", "com.twitter.heron.packing.binpacking.FirstFitDecreasingPacking",
                "heron.class.repacking.algorithm", "org.apache.heron.packing.roundrobin.ResourceCompliantRRPacking",
                "heron.resources.instance.cpu", "0.5",
                "heron.resources.instance.ram", "536870912",
                "heron.resources.instance.disk", "2147483648"));

        assertThat(PackingConfig.from(config))
                .isEqualTo(new PackingConfig(
                        PackingAlgorithmKind.FIRST_FIT_DECREASING,
                        PackingAlgorithmKind.RESOURCE_COMPLIANT_ROUND_ROBIN,
                        new Resources(0.5, ByteAmount.ofMegabytes(512), ByteAmount.ofGigabytes(2))));
    }

    @Test
    void packingAlgorithmIsRequired() {
        assertThatThrownBy(() -> PackingConfig.from(config(Map.of())))
                .hasMessageContaining("missing required key heron.class.packing.algorithm");
    }
}
