package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SchedulerKindTest {
    @ParameterizedTest
    @CsvSource({
        "org.apache.heron.scheduler.local.LocalScheduler, org.apache.heron.scheduler.local.LocalLauncher, LOCAL",
        "com.twitter.heron.scheduler.local.LocalScheduler, com.twitter.heron.scheduler.local.LocalLauncher, LOCAL",
        "org.apache.heron.scheduler.aurora.AuroraScheduler, org.apache.heron.scheduler.aurora.AuroraLauncher, AURORA",
        "com.twitter.heron.scheduler.aurora.AuroraScheduler, com.twitter.heron.scheduler.aurora.AuroraLauncher,"
                + " AURORA",
        "org.apache.heron.scheduler.marathon.MarathonScheduler, org.apache.heron.scheduler.marathon.MarathonLauncher,"
                + " MARATHON",
        "org.apache.heron.scheduler.mesos.MesosScheduler, com.twitter.heron.scheduler.mesos.MesosLauncher, MESOS",
        "aurora, Aurora, AURORA"
    })
    void heronClassNamesOfBothPackagesMapToOneKind(String scheduler, String launcher, SchedulerKind expected) {
        EffectiveConfig config = config(Map.of("heron.class.scheduler", scheduler, "heron.class.launcher", launcher));

        assertThat(SchedulerKind.fromConfig(config)).isEqualTo(expected);
    }

    @Test
    void schedulerAndLauncherMustAgree() {
        EffectiveConfig config = config(Map.of(
                "heron.class.scheduler", "org.apache.heron.scheduler.aurora.AuroraScheduler",
                "heron.class.launcher", "org.apache.heron.scheduler.local.LocalLauncher"));

        assertThatThrownBy(() -> SchedulerKind.fromConfig(config))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("heron.class.scheduler")
                .hasMessageContaining("heron.class.launcher")
                .hasMessageContaining("selects aurora")
                .hasMessageContaining("selects local")
                .hasMessageContaining("org.apache.heron.scheduler.aurora.AuroraLauncher");
    }

    @Test
    void oneOfTheTwoIsEnough() {
        assertThat(SchedulerKind.fromConfig(
                        config(Map.of("heron.class.launcher", "com.twitter.heron.scheduler.local.LocalLauncher"))))
                .isEqualTo(SchedulerKind.LOCAL);
        assertThatThrownBy(() -> SchedulerKind.fromConfig(config(Map.of())))
                .hasMessageContaining("missing required key heron.class.scheduler");
    }

    @Test
    void recognisedSchedulersOutsideThisBuildSaySo() {
        EffectiveConfig config = config(Map.of(
                "heron.class.scheduler", "org.apache.heron.scheduler.kubernetes.KubernetesScheduler",
                "heron.class.launcher", "org.apache.heron.scheduler.kubernetes.KubernetesLauncher"));

        assertThatThrownBy(() -> SchedulerKind.fromConfig(config))
                .hasMessageContaining("kubernetes scheduler")
                .hasMessageContaining("not available in this build")
                .hasMessageContaining("local, aurora, marathon, mesos");
    }

    @Test
    void unknownClassListsValidValues() {
        EffectiveConfig config = config(Map.of("heron.class.scheduler", "com.acme.MyScheduler"));

        assertThatThrownBy(() -> SchedulerKind.fromConfig(config))
                .hasMessageContaining("unknown scheduler 'com.acme.MyScheduler' in heron.class.scheduler")
                .hasMessageContaining("org.apache.heron.scheduler.local.LocalScheduler");
    }

    @Test
    void classNamesAreHeronsOwn() {
        assertThat(SchedulerKind.MARATHON.heronSchedulerClass())
                .isEqualTo("org.apache.heron.scheduler.marathon.MarathonScheduler");
        assertThat(SchedulerKind.MESOS.heronLauncherClass())
                .isEqualTo("org.apache.heron.scheduler.mesos.MesosLauncher");
    }
}
