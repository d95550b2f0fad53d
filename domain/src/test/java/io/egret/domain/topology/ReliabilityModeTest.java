package io.egret.domain.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ReliabilityModeTest {

    @Test
    void unsetIsAtMostOnceAndValuesIgnoreCase() {
        assertThat(ReliabilityMode.of(new TopologyConfig(Map.of()))).isEqualTo(ReliabilityMode.ATMOST_ONCE);
        assertThat(ReliabilityMode.of(new TopologyConfig(Map.of(TopologyConfig.RELIABILITY_MODE, " atleast_once "))))
                .isEqualTo(ReliabilityMode.ATLEAST_ONCE);
    }

    @Test
    void refusesAnUnknownModeNamingTheValues() {
        assertThatThrownBy(
                        () -> ReliabilityMode.of(new TopologyConfig(Map.of(TopologyConfig.RELIABILITY_MODE, "twice"))))
                .isInstanceOf(EgretException.class)
                .hasMessage("topology config topology.reliability.mode must be one of ATMOST_ONCE, ATLEAST_ONCE,"
                        + " EFFECTIVELY_ONCE, got 'twice'");
    }

    @Test
    void heronsOlderAckingSwitchMeansAtLeastOnceUnlessTheModeIsSet() {
        assertThat(ReliabilityMode.of(new TopologyConfig(Map.of(TopologyConfig.ENABLE_ACKING, "true"))))
                .isEqualTo(ReliabilityMode.ATLEAST_ONCE);
        assertThat(ReliabilityMode.of(new TopologyConfig(Map.of(TopologyConfig.ENABLE_ACKING, "false"))))
                .isEqualTo(ReliabilityMode.ATMOST_ONCE);
        assertThat(ReliabilityMode.of(new TopologyConfig(
                        Map.of(TopologyConfig.ENABLE_ACKING, "true", TopologyConfig.RELIABILITY_MODE, "ATMOST_ONCE"))))
                .isEqualTo(ReliabilityMode.ATMOST_ONCE);
        assertThatThrownBy(() -> ReliabilityMode.of(new TopologyConfig(Map.of(TopologyConfig.ENABLE_ACKING, "yes"))))
                .isInstanceOf(EgretException.class)
                .hasMessage("topology config topology.enable.acking must be true or false, got 'yes'");
    }
}
