package io.egret.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class LifecycleSettingsTest {

    @Test
    void defaults() {
        LifecycleSettings settings = LifecycleSettings.defaults("1.2.3");

        assertThat(settings.releaseVersion()).isEqualTo("1.2.3");
        assertThat(settings.packageConfig()).isEmpty();
        assertThat(settings.killTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.updateLockTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void explicitValues() {
        LifecycleSettings settings = LifecycleSettings.defaults("1.2.3")
                .withPackageConfig(Map.of("heron.statemgr.root.path", "/tmp/state"))
                .withKillTimeout(Duration.ofSeconds(30))
                .withPollInterval(Duration.ofMillis(250))
                .withUpdateLockTimeout(Duration.ofSeconds(9));

        assertThat(settings)
                .isEqualTo(new LifecycleSettings(
                        "1.2.3",
                        Map.of("heron.statemgr.root.path", "/tmp/state"),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(9)));
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> LifecycleSettings.defaults("1").withKillTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("killTimeout must not be negative: PT-1S");
    }
}
