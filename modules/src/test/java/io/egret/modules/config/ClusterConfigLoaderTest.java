package io.egret.modules.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.config.ClientConfig;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.config.ConfigWarning;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.PackingConfig;
import io.egret.domain.config.ResolvedConfig;
import io.egret.domain.config.SchedulerConfig;
import io.egret.domain.config.SchedulerKind;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.config.StateManagerKind;
import io.egret.domain.config.TokenEnvironment;
import io.egret.domain.config.UploaderConfig;
import io.egret.domain.config.UploaderKind;
import io.egret.domain.error.EgretException;
import io.egret.domain.packing.PackingAlgorithmKind;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ClusterConfigLoaderTest {
    private static final Path HERON_CONF = Path.of("src/test/resources/heron-conf");
    private static final Path SHIPPED_CONF = Path.of("../app/src/dist/conf");
    private static final Path HERON_HOME = Path.of("/opt/heron");
    private static final TokenEnvironment ENVIRONMENT = new TokenEnvironment("/home/jane", "/opt/java");

    private final ClusterConfigLoader loader = new ClusterConfigLoader();

    @TempDir
    Path temporary;

    @ParameterizedTest
    @CsvSource({
        "local, LOCAL, LOCAL_FS, LOCAL_FS, ROUND_ROBIN",
        "localzk, LOCAL, ZOOKEEPER, LOCAL_FS, RESOURCE_COMPLIANT_ROUND_ROBIN",
        "aurora, AURORA, LOCAL_FS, LOCAL_FS, ROUND_ROBIN",
        "marathon, MARATHON, LOCAL_FS, LOCAL_FS, ROUND_ROBIN",
        "mesos, MESOS, ZOOKEEPER, LOCAL_FS, RESOURCE_COMPLIANT_ROUND_ROBIN",
        "twitter-local, LOCAL, LOCAL_FS, LOCAL_FS, ROUND_ROBIN"
    })
    void stockHeronClusterDirectoriesLoadUnchanged(
            String cluster,
            SchedulerKind scheduler,
            StateManagerKind stateManager,
            UploaderKind uploader,
            PackingAlgorithmKind packing) {
        ResolvedConfig resolved = loader.load(request(HERON_CONF, cluster).withStrict(true));
        EffectiveConfig config = bound(resolved.config(), cluster);

        assertThat(SchedulerConfig.from(config).kind()).isEqualTo(scheduler);
        assertThat(StateManagerConfig.from(config).kind()).isEqualTo(stateManager);
        assertThat(UploaderConfig.from(config).kind()).isEqualTo(uploader);
        assertThat(PackingConfig.from(config).packing()).isEqualTo(packing);
        assertThat(ClientConfig.from(config)).isNotNull();
        assertThat(resolved.warnings())
                .allSatisfy(warning -> assertThat(warning.message()).contains("old name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "aurora", "marathon", "mesos"})
    void shippedClusterDirectoriesLoad(String cluster) {
        ResolvedConfig resolved = loader.load(request(SHIPPED_CONF, cluster).withStrict(true));
        EffectiveConfig config = bound(resolved.config(), cluster);

        assertThat(resolved.warnings()).isEmpty();
        assertThat(SchedulerConfig.from(config).kind().shortName()).isEqualTo(cluster);
        assertThat(StateManagerConfig.from(config)).isNotNull();
        assertThat(UploaderConfig.from(config)).isNotNull();
        assertThat(PackingConfig.from(config).packing()).isEqualTo(PackingAlgorithmKind.ROUND_ROBIN);
    }

    @Test
    void stockLocalClusterValues() {
        EffectiveConfig config = bound(loader.load(request(HERON_CONF, "local")).config(), "local");

        assertThat(SchedulerConfig.from(config).settings())
                .isEqualTo(new SchedulerConfig.Local("/home/jane/.herondata/topologies/local/jane/wordcount"));
        assertThat(SchedulerConfig.from(config).corePackage().uri())
                .isEqualTo("file:///opt/heron/dist/heron-core.tar.gz");
        // The container's Java: the scheduler side expands it where the container runs.
        assertThat(SchedulerConfig.from(config).sandboxJavaHome()).isEqualTo("${JAVA_HOME}");
        assertThat(StateManagerConfig.from(config).rootPath())
                .isEqualTo("/home/jane/.herondata/repository/state/local");
        assertThat(UploaderConfig.from(config).settings())
                .isEqualTo(new UploaderConfig.LocalFileSystem(
                        "/home/jane/.herondata/repository/topologies/local/jane/wordcount"));
        assertThat(config.value(ConfigKey.HERON_CONF))
                .contains(HERON_CONF.resolve("local").toString());
        assertThat(config.value(ConfigKey.DOWNLOADER_REGISTRY).orElseThrow())
                .startsWith("{http: org.apache.heron.downloader.HttpDownloader, ");
        assertThat(config.value("heron.logging.directory"))
                .as("heron_internals.yaml is not loaded")
                .isEmpty();
    }

    @Test
    void stockAuroraClusterValues() {
        EffectiveConfig config =
                bound(loader.load(request(HERON_CONF, "aurora")).config(), "aurora");
        SchedulerConfig scheduler = SchedulerConfig.from(config);

        assertThat(ClientConfig.from(config)).isEqualTo(new ClientConfig(true, true));
        assertThat(scheduler.isService()).isFalse();
        assertThat(scheduler.sandboxJavaHome()).isEqualTo("/usr/lib/jvm/java-1.8.0-openjdk-amd64/");
        assertThat(scheduler.corePackage().uri())
                .isEqualTo("file:///vagrant/.herondata/dist/heron-core-release.tar.gz");
        assertThat(scheduler.tunnel().host()).isEqualTo("my.tunnel.host");
        assertThat(((SchedulerConfig.Aurora) scheduler.settings()).jobTemplate())
                .isEqualTo(HERON_CONF.resolve("aurora").resolve("heron.aurora").toString());
    }

    @Test
    void overrideOrderFollowsHeron(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("test"));
        write(cluster.resolve("cluster.yaml"), "heron.scheduler.job.link.template: cluster");
        write(
                cluster.resolve("client.yaml"),
                "heron.scheduler.job.link.template: client",
                "heron.scheduler.properties: client");
        write(
                cluster.resolve("packing.yaml"),
                "heron.scheduler.properties: packing",
                "heron.executor.docker.image: packing");
        write(
                cluster.resolve("scheduler.yaml"),
                "heron.class.scheduler: LOCAL",
                "heron.executor.docker.image: scheduler",
                "heron.mesos.master.uri: scheduler");
        write(
                cluster.resolve("uploader.yaml"),
                "heron.mesos.master.uri: uploader",
                "heron.uploader.hdfs.config.directory: uploader");
        write(
                cluster.resolve("stateful.yaml"),
                "heron.uploader.hdfs.config.directory: stateful",
                "heron.build.version: stateful");
        Path release =
                write(temporary.resolve("release.yaml"), "heron.build.version: release", "heron.build.host: release");
        Path legacy = write(temporary.resolve("legacy.conf"), "heron.build.host: legacy", "heron.build.user: legacy");

        EffectiveConfig config = loader.load(request(configPath, "test")
                        .withReleaseFile(release)
                        .withLegacyConfigFile(legacy)
                        .withConfigProperties(List.of("heron.build.user=property")))
                .config();

        assertThat(config.value(ConfigKey.JOB_LINK_TEMPLATE)).contains("client");
        assertThat(config.value(ConfigKey.SCHEDULER_PROPERTIES)).contains("packing");
        assertThat(config.value(ConfigKey.EXECUTOR_DOCKER_IMAGE)).contains("scheduler");
        assertThat(config.value(ConfigKey.MESOS_MASTER_URI)).contains("uploader");
        assertThat(config.value(ConfigKey.HDFS_CONFIG_DIRECTORY)).contains("stateful");
        assertThat(config.value(ConfigKey.BUILD_VERSION)).contains("release");
        assertThat(config.value(ConfigKey.BUILD_HOST)).contains("legacy");
        assertThat(config.value(ConfigKey.BUILD_USER)).contains("property");
        assertThat(config.source(ConfigKey.BUILD_USER)).contains(ConfigSource.configProperty());
        assertThat(config.source(ConfigKey.BUILD_HOST)).contains(ConfigSource.legacyConfigFile(legacy.toString()));
        assertThat(config.source(ConfigKey.EXECUTOR_DOCKER_IMAGE))
                .contains(ConfigSource.clusterFile(
                        cluster.resolve("scheduler.yaml").toString()));
    }

    @Test
    void missingClusterDirectoryListsWhereItLooked() {
        assertThatThrownBy(() -> loader.load(request(HERON_CONF, "prod")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("no config directory for cluster 'prod'")
                .hasMessageContaining("searched " + HERON_CONF.resolve("prod"))
                .hasMessageContaining("clusters found: aurora, local, localzk, marathon, mesos, twitter-local")
                .hasMessageContaining("--config-path");
    }

    @Test
    void defaultConfigPathIsUnderHeronHomeThenTheUsersHeronDirectory() {
        ConfigRequest request = ConfigRequest.of(temporary, "local").withEnvironment(ENVIRONMENT);

        assertThatThrownBy(() -> loader.load(request))
                .hasMessageContaining(temporary.resolve("conf").resolve("local").toString())
                .hasMessageContaining("/home/jane/.heron/conf/local");
    }

    @Test
    void legacyConfigFileAndLoaderFromTheMesosGuide() throws IOException {
        Path file = write(
                temporary.resolve("mesos_scheduler.conf"),
                "heron.core.release.uri:http://s3.amazonaws.com/my-heron-binaries");

        ResolvedConfig resolved = loader.load(ConfigRequest.of(HERON_HOME, "mesos")
                .withEnvironment(ENVIRONMENT)
                .withConfigPath(temporary.resolve("no-such-dir"))
                .withLegacyConfigFile(file)
                .withConfigLoader("com.twitter.heron.scheduler.aurora.MesosConfigLoader"));

        assertThat(resolved.config().value(ConfigKey.CORE_PACKAGE_URI))
                .contains("http://s3.amazonaws.com/my-heron-binaries");
        assertThat(SchedulerKind.fromConfig(resolved.config())).isEqualTo(SchedulerKind.MESOS);
        assertThat(resolved.warnings())
                .extracting(ConfigWarning::message)
                .containsExactly("heron.core.release.uri is an old name; use heron.package.core.uri");
    }

    @Test
    void heronsExampleSchedulerFileWorksAsALegacyConfigFile() throws IOException {
        Path file = write(
                temporary.resolve("mesos_scheduler.yaml"),
                "# scheduler class for distributing the topology for execution",
                "heron.class.scheduler:                       com.twitter.heron.scheduler.mesos.MesosScheduler",
                "heron.class.launcher:                        com.twitter.heron.scheduler.mesos.MesosLauncher",
                "heron.directory.sandbox.java.home:           /usr/lib/jvm/java-1.8.0-openjdk-amd64/",
                "heron.scheduler.is.service:                  True");

        EffectiveConfig config = loader.load(ConfigRequest.of(HERON_HOME, "mesos")
                        .withEnvironment(ENVIRONMENT)
                        .withConfigPath(temporary)
                        .withLegacyConfigFile(file)
                        .withConfigLoader("com.twitter.heron.scheduler.mesos.MesosConfigLoader")
                        .withStrict(true))
                .config();

        assertThat(SchedulerKind.fromConfig(config)).isEqualTo(SchedulerKind.MESOS);
        assertThat(config.booleanValue(ConfigKey.SCHEDULER_IS_SERVICE)).isTrue();
        assertThat(config.value(ConfigKey.SANDBOX_JAVA_HOME)).contains("/usr/lib/jvm/java-1.8.0-openjdk-amd64/");
    }

    @Test
    void theFirstCliKeysOfA2015ConfigFileTakeEffectWithAWarning() throws IOException {
        Path file = write(
                temporary.resolve("aurora_scheduler.conf"),
                "scheduler.class=com.twitter.heron.scheduler.local.LocalScheduler",
                "launcher.class=com.twitter.heron.scheduler.local.LocalLauncher",
                "uploader.class=com.twitter.heron.uploader.localfs.LocalFileSystemUploader",
                "state.manager.class=com.twitter.heron.statemgr.localfs.LocalFileSystemStateManager",
                "packing.algorithm.class=com.twitter.heron.packing.roundrobin.RoundRobinPacking");

        ResolvedConfig resolved = loader.load(ConfigRequest.of(HERON_HOME, "old")
                .withEnvironment(ENVIRONMENT)
                .withConfigPath(temporary.resolve("no-such-dir"))
                .withLegacyConfigFile(file)
                .withStrict(true));

        EffectiveConfig config = resolved.config();
        assertThat(SchedulerKind.fromConfig(config)).isEqualTo(SchedulerKind.LOCAL);
        assertThat(config.value(ConfigKey.UPLOADER_CLASS))
                .contains("com.twitter.heron.uploader.localfs.LocalFileSystemUploader");
        assertThat(config.value(ConfigKey.STATE_MANAGER_CLASS))
                .contains("com.twitter.heron.statemgr.localfs.LocalFileSystemStateManager");
        assertThat(config.value(ConfigKey.PACKING_CLASS))
                .contains("com.twitter.heron.packing.roundrobin.RoundRobinPacking");
        assertThat(resolved.warnings())
                .extracting(ConfigWarning::message)
                .containsExactly(
                        "scheduler.class is an old name; use heron.class.scheduler",
                        "launcher.class is an old name; use heron.class.launcher",
                        "uploader.class is an old name; use heron.class.uploader",
                        "state.manager.class is an old name; use heron.class.state.manager",
                        "packing.algorithm.class is an old name; use heron.class.packing.algorithm");
    }

    @Test
    void the013RoleAndEnvironRequirementsStillRequire(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("old"));
        write(cluster.resolve("client.yaml"), "heron.config.role.required: True", "heron.config.env.required: True");

        ResolvedConfig resolved = loader.load(request(configPath, "old").withStrict(true));

        assertThat(resolved.config().booleanValue(ConfigKey.ROLE_REQUIRED)).isTrue();
        assertThat(resolved.config().booleanValue(ConfigKey.ENVIRON_REQUIRED)).isTrue();
        assertThat(resolved.warnings())
                .extracting(ConfigWarning::message)
                .containsExactly(
                        "heron.config.role.required is an old name; use heron.config.is.role.required",
                        "heron.config.env.required is an old name; use heron.config.is.env.required");
    }

    @Test
    void auroraLoaderOfTheAuroraGuide() {
        ResolvedConfig resolved = loader.load(ConfigRequest.of(HERON_HOME, "aurora")
                .withEnvironment(ENVIRONMENT)
                .withConfigPath(temporary)
                .withConfigLoader("com.twitter.heron.scheduler.aurora.AuroraConfigLoader"));

        assertThat(SchedulerKind.fromConfig(resolved.config())).isEqualTo(SchedulerKind.AURORA);
        assertThat(resolved.config().booleanValue(ConfigKey.SCHEDULER_IS_SERVICE))
                .isFalse();
    }

    @Test
    void loaderThatContradictsTheClusterFilesIsAnError() {
        assertThatThrownBy(() -> loader.load(request(HERON_CONF, "local")
                        .withConfigLoader("com.twitter.heron.scheduler.mesos.MesosConfigLoader")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("stands for mesos")
                .hasMessageContaining("selects local");
    }

    @Test
    void configPropertiesNeedExactlyOneEquals() {
        assertThat(ClusterConfigLoader.parseConfigProperty("heron.scheduler.is.service=False")
                        .value())
                .isEqualTo("false");
        assertThat(ClusterConfigLoader.parseConfigProperty("topology.message.timeout.secs=30")
                        .value())
                .isEqualTo("30");
        assertThatThrownBy(() -> ClusterConfigLoader.parseConfigProperty("heron.scheduler.is.service"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("expected exactly one '='");
        assertThatThrownBy(() -> ClusterConfigLoader.parseConfigProperty("a=b=c"))
                .hasMessageContaining("'a=b=c'");
        assertThatThrownBy(() -> ClusterConfigLoader.parseConfigProperty("heron.marathon.scheduler.auth.token=x=y"))
                .hasMessageContaining("auth.token=****")
                .hasMessageNotContaining("x=y");
    }

    @Test
    void theDcosGuidesSchedulerFileLoads(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("dcos"));
        write(
                cluster.resolve("scheduler.yaml"),
                "heron.class.scheduler:                       org.apache.heron.scheduler.marathon.MarathonScheduler",
                "heron.class.launcher:                        org.apache.heron.scheduler.marathon.MarathonLauncher",
                "heron.directory.sandbox.java.home:          $JAVA_HOME",
                "heron.directory.home:                       $HERON_HOME",
                "heron.director.conf:                       \"./heron-conf/\"",
                "heron.marathon.scheduler.uri: \"https://dcos.example.com/service/marathon\"",
                "heron.marathon.scheduler.auth.token: \"dcos-secret\"",
                "heron.scheduler.is.service:                  False",
                "heron.executor.docker.image: 'streamlio/heron:latest-ubuntu14.04'");

        ResolvedConfig resolved = loader.load(request(configPath, "dcos").withStrict(true));
        SchedulerConfig scheduler = SchedulerConfig.from(resolved.config());

        assertThat(scheduler.kind()).isEqualTo(SchedulerKind.MARATHON);
        // The container's: left for the scheduler side to expand where the container runs.
        assertThat(scheduler.sandboxJavaHome()).isEqualTo("$JAVA_HOME");
        assertThat(resolved.config().value(ConfigKey.HERON_HOME)).contains("$HERON_HOME");
        assertThat(resolved.config().value(ConfigKey.HERON_DIST)).contains("$HERON_HOME/dist");
        assertThat(resolved.config().value(ConfigKey.HERON_CONF)).contains("./heron-conf/");
        assertThat(((SchedulerConfig.Marathon) scheduler.settings())
                        .authToken()
                        .orElseThrow()
                        .reveal())
                .isEqualTo("dcos-secret");
        assertThat(resolved.config().toDisplayString()).doesNotContain("dcos-secret");
        assertThat(resolved.warnings())
                .extracting(ConfigWarning::message)
                .containsExactly("heron.director.conf is an old name; use heron.directory.conf");
    }

    @Test
    void schedulerAndLauncherMismatchFailsAtLoad(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("mixed"));
        write(
                cluster.resolve("scheduler.yaml"),
                "heron.class.scheduler: com.twitter.heron.scheduler.aurora.AuroraScheduler",
                "heron.class.launcher: org.apache.heron.scheduler.local.LocalLauncher");

        assertThatThrownBy(() -> loader.load(request(configPath, "mixed")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("heron.class.scheduler (" + cluster.resolve("scheduler.yaml"))
                .hasMessageContaining("heron.class.launcher");
    }

    @Test
    void unknownKeysWarnOrFailUnderStrict(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("typo"));
        write(cluster.resolve("statemgr.yaml"), "heron.statemgr.root.paht: /heron");

        assertThat(loader.load(request(configPath, "typo")).warnings())
                .extracting(ConfigWarning::message)
                .containsExactly("unknown key heron.statemgr.root.paht; did you mean heron.statemgr.root.path?");
        assertThatThrownBy(() -> loader.load(request(configPath, "typo").withStrict(true)))
                .hasMessageContaining("--strict-config")
                .hasMessageContaining(cluster.resolve("statemgr.yaml").toString());
    }

    @Test
    void nestedValuesOutsideHeronsStructuredFilesAreAnError(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("nested"));
        write(cluster.resolve("scheduler.yaml"), "heron.class.scheduler:", "  name: LocalScheduler");

        assertThatThrownBy(() -> loader.load(request(configPath, "nested")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining(cluster.resolve("scheduler.yaml") + " line 2: heron.class.scheduler has a nested"
                        + " map or list");
    }

    @Test
    void brokenYamlNamesTheFile(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("broken"));
        write(cluster.resolve("uploader.yaml"), "heron.class.uploader: [unclosed");

        assertThatThrownBy(() -> loader.load(request(configPath, "broken")))
                .isInstanceOf(EgretException.class)
                .hasMessageStartingWith("cannot parse " + cluster.resolve("uploader.yaml") + " as YAML");
    }

    @Test
    void yamlScalarsKeepTheirText(@TempDir Path configPath) throws IOException {
        Path cluster = Files.createDirectory(configPath.resolve("scalars"));
        write(
                cluster.resolve("client.yaml"),
                "heron.config.is.role.required: yes",
                "heron.build.time: 2017-10-05 12:00:00",
                "heron.build.version: 0.20.0",
                "heron.scheduler.job.link.template:",
                "heron.statemgr.zookeeper.session.timeout.ms: 30000");

        EffectiveConfig config = loader.load(request(configPath, "scalars")).config();

        assertThat(config.value(ConfigKey.ROLE_REQUIRED)).contains("true");
        assertThat(config.value(ConfigKey.BUILD_TIME)).contains("2017-10-05 12:00:00");
        assertThat(config.value(ConfigKey.BUILD_VERSION)).contains("0.20.0");
        assertThat(config.value(ConfigKey.JOB_LINK_TEMPLATE)).isEmpty();
        assertThat(config.value(ConfigKey.ZOOKEEPER_SESSION_TIMEOUT)).contains("30000");
    }

    @Test
    void releaseFileUnderHeronHomeIsReadWhenPresent() throws IOException {
        Files.createDirectories(temporary.resolve("conf").resolve("local"));
        write(temporary.resolve("release.yaml"), "heron.build.version: '0.20.5'");

        EffectiveConfig config = loader.load(
                        ConfigRequest.of(temporary, "local").withEnvironment(ENVIRONMENT))
                .config();

        assertThat(config.value(ConfigKey.BUILD_VERSION)).contains("0.20.5");
        assertThat(config.source(ConfigKey.BUILD_VERSION))
                .contains(ConfigSource.releaseFile(
                        temporary.resolve("release.yaml").toString()));
        assertThatThrownBy(() -> loader.load(ConfigRequest.of(temporary, "local")
                        .withEnvironment(ENVIRONMENT)
                        .withReleaseFile(temporary.resolve("missing.yaml"))))
                .hasMessageContaining("release file " + temporary.resolve("missing.yaml") + " does not exist");
    }

    private static ConfigRequest request(Path configPath, String cluster) {
        return ConfigRequest.of(HERON_HOME, cluster)
                .withEnvironment(ENVIRONMENT)
                .withConfigPath(configPath);
    }

    private static EffectiveConfig bound(EffectiveConfig config, String cluster) {
        return config.bind(new ClusterTarget(cluster, "jane", "default"), "jane")
                .bind(TopologyName.of("wordcount"));
    }

    private static Path write(Path file, String... lines) throws IOException {
        return Files.write(file, List.of(lines));
    }
}
