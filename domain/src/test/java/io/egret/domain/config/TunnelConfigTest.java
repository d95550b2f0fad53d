package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TunnelConfigTest {
    @Test
    void defaults() {
        TunnelConfig expected = new TunnelConfig(
                false, "no.tunnel.host.specified", Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 10);

        assertThat(TunnelConfig.forStateManager(config(Map.of()))).isEqualTo(expected);
        assertThat(TunnelConfig.forScheduler(config(Map.of()))).isEqualTo(expected);
    }

    @Test
    void explicitMappingWithTheSpellingOfHeronsFiles() {
        EffectiveConfig config = config(Map.of(
                "heron.statemgr.is.tunnel.needed", "true",
                "heron.statemgr.tunnel.host", "centos@jump.example.com",
                "heron.statemgr.tunnel.connection.timeout.ms", "3000",
                "heron.statemgr.tunnel.connection.retry.count", "4",
                "heron.statemgr.tunnel.retry.interval.ms", "500",
                "heron.statemgr.tunnel.verify.count", "6"));

        assertThat(TunnelConfig.forStateManager(config))
                .isEqualTo(new TunnelConfig(
                        true, "centos@jump.example.com", Duration.ofSeconds(3), 4, Duration.ofMillis(500), 6));
        assertThat(TunnelConfig.forScheduler(config).needed()).isFalse();
    }

    @Test
    void explicitMappingWithTheSpellingOfHeronsCode() {
        EffectiveConfig config = config(Map.of(
                "heron.scheduler.is.tunnel.needed", "true",
                "heron.scheduler.tunnel.host", "jump",
                "heron.scheduler.tunnel.connection.retryCount.count", "5",
                "heron.scheduler.tunnel.retryCount.interval.ms", "250"));

        assertThat(TunnelConfig.forScheduler(config))
                .isEqualTo(new TunnelConfig(true, "jump", Duration.ofSeconds(1), 5, Duration.ofMillis(250), 10));
    }
}
