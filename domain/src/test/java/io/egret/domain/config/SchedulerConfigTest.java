package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SchedulerConfigTest {
    private static final ClusterTarget TARGET = new ClusterTarget("local", "jane", "default");

    @Test
    void defaults() {
        EffectiveConfig config =
                bound(Map.of("heron.class.scheduler", "org.apache.heron.scheduler.local.LocalScheduler"));

        assertThat(SchedulerConfig.from(config))
                .isEqualTo(new SchedulerConfig(
                        SchedulerKind.LOCAL,
                        true,
                        "/usr/lib/jvm/default-java",
                        new SchedulerConfig.CorePackage(
                                true, "file:///opt/heron/dist/heron-core.tar.gz", "/opt/heron/dist/heron-core"),
                        false,
                        Optional.empty(),
                        TunnelConfig.forScheduler(config),
                        new SchedulerConfig.Local("/home/jane/.herondata/topologies/local/jane/wordcount")));
    }

    @Test
    void explicitMappingLocal() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.scheduler", "com.twitter.heron.scheduler.local.LocalScheduler");
        values.put("heron.class.launcher", "com.twitter.heron.scheduler.local.LocalLauncher");
        values.put("heron.scheduler.is.service", "false");
        values.put("heron.directory.sandbox.java.home", "${JAVA_HOME}");
        values.put("heron.package.use_core_uri", "false");
        values.put("heron.package.core.uri", "http://packages/heron-core.tar.gz");
        values.put("heron.package.core.directory", "/srv/heron-core");
        values.put("heron.command.update.prompt", "prompt");
        values.put("heron.scheduler.job.link.template", "http://ui/${TOPOLOGY}");
        values.put("heron.scheduler.local.working.directory", "/tmp/${CLUSTER}-${TOPOLOGY}");

        assertThat(SchedulerConfig.from(bound(values)))
                .isEqualTo(new SchedulerConfig(
                        SchedulerKind.LOCAL,
                        false,
                        "${JAVA_HOME}", // the container's, expanded where it runs
                        new SchedulerConfig.CorePackage(false, "http://packages/heron-core.tar.gz", "/srv/heron-core"),
                        true,
                        Optional.of("http://ui/wordcount"),
                        TunnelConfig.forScheduler(bound(values)),
                        new SchedulerConfig.Local("/tmp/local-wordcount")));
    }

    @Test
    void aJobLinkTemplateKeepsTheTopologyTokenUntilTheTopologyIsKnown() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.scheduler", "org.apache.heron.scheduler.aurora.AuroraScheduler");
        values.put("heron.scheduler.job.link.template", "http://aurora:8081/scheduler/${ROLE}/${ENVIRON}/${TOPOLOGY}");

        // What submit has before the topology's main named it.
        assertThat(SchedulerConfig.from(config(values).bind(TARGET, "jane")).jobLinkTemplate())
                .contains("http://aurora:8081/scheduler/" + TARGET.role() + "/" + TARGET.environ() + "/${TOPOLOGY}");
        assertThat(SchedulerConfig.from(bound(values)).jobLinkTemplate())
                .contains("http://aurora:8081/scheduler/" + TARGET.role() + "/" + TARGET.environ() + "/wordcount");
        values.put("heron.scheduler.job.link.template", "");
        assertThat(SchedulerConfig.from(bound(values)).jobLinkTemplate()).isEmpty();
    }

    @Test
    void auroraDefaultsAndExplicitMapping() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.scheduler", "org.apache.heron.scheduler.aurora.AuroraScheduler");
        values.put("heron.directory.conf", "/conf/aurora");
        assertThat(SchedulerConfig.from(bound(values)).settings())
                .isEqualTo(new SchedulerConfig.Aurora(
                        "/conf/aurora/heron.aurora", 5, Duration.ofSeconds(2), true, List.of()));

        values.put("heron.scheduler.job.template", "/templates/custom.aurora");
        values.put("heron.scheduler.job.max.kill.attempts", "3");
        values.put("heron.scheduler.job.kill.retry.interval.ms", "100");
        values.put("heron.class.scheduler.aurora.controller.cli", "False");
        values.put("heron.scheduler.properties", "heron.docker.aurora, extra");
        assertThat(SchedulerConfig.from(bound(values)).settings())
                .isEqualTo(new SchedulerConfig.Aurora(
                        "/templates/custom.aurora",
                        3,
                        Duration.ofMillis(100),
                        false,
                        List.of("heron.docker.aurora", "extra")));
    }

    @Test
    void marathonExplicitMappingKeepsTheTokenSecret() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.scheduler", "org.apache.heron.scheduler.marathon.MarathonScheduler");
        values.put("heron.class.launcher", "org.apache.heron.scheduler.marathon.MarathonLauncher");
        values.put("heron.marathon.scheduler.uri", "https://dcos.example.com/service/marathon");
        values.put("heron.marathon.scheduler.auth.token", "secret-token");
        values.put("heron.executor.docker.image", "streamlio/heron:latest-ubuntu14.04");

        SchedulerConfig scheduler = SchedulerConfig.from(bound(values));

        assertThat(scheduler.settings())
                .isEqualTo(new SchedulerConfig.Marathon(
                        URI.create("https://dcos.example.com/service/marathon"),
                        Optional.of(new SecretValue("secret-token")),
                        Optional.of("streamlio/heron:latest-ubuntu14.04")));
        assertThat(scheduler.toString()).doesNotContain("secret-token");
    }

    @Test
    void marathonNeedsAUri() {
        Map<String, String> values = Map.of(
                "heron.class.scheduler", "org.apache.heron.scheduler.marathon.MarathonScheduler",
                "heron.marathon.scheduler.uri", "<core.dcos_url>/service/marathon");

        assertThatThrownBy(() -> SchedulerConfig.from(bound(values)))
                .hasMessageContaining("heron.marathon.scheduler.uri is '<core.dcos_url>/service/marathon'")
                .hasMessageContaining("expected a URI");
    }

    @Test
    void mesosDefaultsAndExplicitMapping() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.scheduler", "org.apache.heron.scheduler.mesos.MesosScheduler");
        values.put("heron.mesos.master.uri", "127.0.0.1:5050");
        assertThat(SchedulerConfig.from(bound(values)).settings())
                .isEqualTo(new SchedulerConfig.Mesos(
                        "127.0.0.1:5050",
                        Optional.empty(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        "/home/jane/.herondata/topologies/local/jane/wordcount"));

        values.put("heron.mesos.native.library.path", "/usr/lib/mesos/0.28.1/lib/");
        values.put("heron.mesos.framework.staging.timeout.ms", "2000");
        values.put("heron.mesos.scheduler.driver.stop.timeout.ms", "5000");
        values.put("heron.scheduler.mesos.scheduler.working.directory", "/mesos/${TOPOLOGY}");
        assertThat(SchedulerConfig.from(bound(values)).settings())
                .isEqualTo(new SchedulerConfig.Mesos(
                        "127.0.0.1:5050",
                        Optional.of("/usr/lib/mesos/0.28.1/lib/"),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        "/mesos/wordcount"));
    }

    private static EffectiveConfig bound(Map<String, String> values) {
        return config(values).bind(TARGET, "jane").bind(TopologyName.of("wordcount"));
    }
}
