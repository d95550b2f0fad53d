package io.egret.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class ConfigKeyTest {
    @Test
    void namesAndAliasesAreUnique() {
        List<String> names = Arrays.stream(ConfigKey.values())
                .flatMap(key -> Stream.concat(Stream.of(key.key()), key.aliases().stream()))
                .toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    }

    @Test
    void everyKeyTheDeploymentGuidesNameIsKnown() {
        List<String> guideKeys = List.of(
                "heron.class.scheduler",
                "heron.class.launcher",
                "heron.package.core.uri",
                "heron.directory.sandbox.java.home",
                "heron.scheduler.is.service",
                "heron.marathon.scheduler.uri",
                "heron.marathon.scheduler.auth.token",
                "heron.executor.docker.image",
                "heron.directory.home",
                "heron.directory.conf",
                "heron.director.conf",
                "heron.core.release.uri",
                "heron.class.state.manager",
                "heron.statemgr.connection.string",
                "heron.statemgr.root.path",
                "heron.statemgr.zookeeper.is.initialize.tree",
                "heron.statemgr.zookeeper.session.timeout.ms",
                "heron.statemgr.zookeeper.connection.timeout.ms",
                "heron.statemgr.zookeeper.retry.count",
                "heron.statemgr.zookeeper.retry.interval.ms",
                "heron.statemgr.is.tunnel.needed",
                "heron.statemgr.tunnel.connection.timeout.ms",
                "heron.statemgr.tunnel.connection.retry.count",
                "heron.statemgr.tunnel.retry.interval.ms",
                "heron.statemgr.tunnel.verify.count",
                "heron.statemgr.tunnel.host",
                "heron.class.uploader");
        assertThat(guideKeys)
                .allSatisfy(name -> assertThat(ConfigKey.find(name)).as(name).isPresent());
    }

    @Test
    void oldNamesFindTheCurrentKey() {
        assertThat(ConfigKey.find("heron.core.release.uri")).contains(ConfigKey.CORE_PACKAGE_URI);
        assertThat(ConfigKey.find("heron.director.conf")).contains(ConfigKey.HERON_CONF);
        assertThat(ConfigKey.find("heron.statemgr.tunnel.connection.retryCount.count"))
                .contains(ConfigKey.STATE_MANAGER_TUNNEL_RETRY_COUNT);
        assertThat(ConfigKey.find("heron.scheduler.tunnel.retryCount.interval.ms"))
                .contains(ConfigKey.SCHEDULER_TUNNEL_RETRY_INTERVAL);
        assertThat(ConfigKey.find("heron.scheduler.class")).contains(ConfigKey.SCHEDULER_CLASS);
        assertThat(ConfigKey.find("heron.upload.s3.proxy_uri")).contains(ConfigKey.S3_PROXY_URI);
    }

    @Test
    void credentialsAreSecret() {
        Set<ConfigKey> secrets =
                Arrays.stream(ConfigKey.values()).filter(ConfigKey::isSecret).collect(Collectors.toSet());
        assertThat(secrets)
                .containsExactlyInAnyOrder(
                        ConfigKey.MARATHON_AUTH_TOKEN,
                        ConfigKey.S3_ACCESS_KEY,
                        ConfigKey.S3_SECRET_KEY,
                        ConfigKey.S3_PROXY_URI,
                        ConfigKey.MESOS_SECRET);
        assertThat(ConfigKey.isSecretName("heron.custom.password")).isTrue();
        assertThat(ConfigKey.isSecretName("heron.some.api.Token")).isTrue();
        assertThat(ConfigKey.isSecretName("heron.uploader.gcs.credentials_path"))
                .isFalse();
    }

    @Test
    void tokensMapToTheirKeys() {
        assertThat(ConfigKey.forToken("HERON_HOME")).contains(ConfigKey.HERON_HOME);
        assertThat(ConfigKey.forToken("CLUSTER")).contains(ConfigKey.CLUSTER);
        assertThat(ConfigKey.forToken("TOPOLOGY")).contains(ConfigKey.TOPOLOGY_NAME);
        assertThat(ConfigKey.forToken("TOPOLOGY_ID")).contains(ConfigKey.TOPOLOGY_ID);
        assertThat(ConfigKey.forToken("NO_SUCH_TOKEN")).isEmpty();
    }

    @Test
    void everyDefaultResolvesOnItsOwn() {
        EffectiveConfig config = TestingConfigs.config(Map.of());

        assertThat(config.value(ConfigKey.HERON_BIN)).contains("/opt/heron/bin");
        assertThat(config.value(ConfigKey.EXECUTOR_BINARY)).contains("/opt/heron/bin/heron-executor");
        assertThat(config.value(ConfigKey.CORE_PACKAGE_URI)).contains("file:///opt/heron/dist/heron-core.tar.gz");
        assertThat(config.value(ConfigKey.JAVA_HOME_DIRECTORY)).contains("/opt/java");
        assertThat(config.value(ConfigKey.LOCAL_WORKING_DIRECTORY))
                .contains("/home/jane/.herondata/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}");
        assertThat(Arrays.stream(ConfigKey.values())
                        .filter(key -> key.defaultValue().isPresent()))
                .allSatisfy(key -> assertThat(config.value(key)).as(key.key()).isPresent());
        assertThat(Arrays.stream(ConfigKey.values()))
                .allSatisfy(key -> assertThat(key.description()).as(key.key()).isNotBlank());
    }
}
