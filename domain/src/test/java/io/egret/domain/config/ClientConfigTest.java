package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class ClientConfigTest {
    @Test
    void defaults() {
        assertThat(ClientConfig.from(config(Map.of()))).isEqualTo(new ClientConfig(false, false));
    }

    @Test
    void explicitMapping() {
        EffectiveConfig config =
                config(Map.of("heron.config.is.role.required", "true", "heron.config.is.env.required", "TRUE"));

        assertThat(ClientConfig.from(config)).isEqualTo(new ClientConfig(true, true));
    }
}
