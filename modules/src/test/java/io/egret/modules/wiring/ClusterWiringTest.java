package io.egret.modules.wiring;

import static io.egret.ports.contract.StateStoreRecords.definition;
import static io.egret.ports.contract.StateStoreRecords.plan;
import static io.egret.ports.contract.StateStoreRecords.submitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperAdapterModule;
import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.TokenEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.modules.EgretWiring;
import io.egret.modules.config.ClusterConfigLoader;
import io.egret.modules.config.ConfigRequest;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.UploaderPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ClusterWiringTest {
    private static final Path CONF = Path.of("src/test/resources/heron-conf").toAbsolutePath();

    @TempDir
    Path home;

    @Test
    void localClusterServesUseCasesFromTheLocalAdapters() {
        Injector injector = EgretWiring.injector(context("local"), "0.1.0");

        StateStorePort stateStore = injector.getInstance(StateStorePort.class);
        List<?> topologies = injector.getInstance(ListTopologiesUseCase.class)
                .list(new ListQuery("local", Optional.empty(), Optional.empty()));

        assertThat(topologies).isEmpty();
        // Heron's stock local root is ${HOME}/.herondata/repository/state/${CLUSTER}, with its directory tree.
        assertThat(home.resolve(".herondata/repository/state/local/topologies")).isDirectory();
        assertThat(injector.getInstance(StateStorePort.class)).isSameAs(stateStore);
        stateStore.close();
    }

    @Test
    void localzkKeepsTheLocalClustersStateInZooKeeperUnderHeronsRoot() throws Exception {
        try (TestingServer server = new TestingServer(true)) {
            Injector injector = EgretWiring.injector(
                    context("localzk", List.of("heron.statemgr.connection.string=" + server.getConnectString())),
                    "0.1.0");
            StateStorePort stateStore = injector.getInstance(StateStorePort.class);
            try {
                stateStore.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-1"));
                assertThat(injector.getInstance(StateStorePort.class).list())
                        .containsExactly(TopologyName.of("wordcount"));
            } finally {
                stateStore.close();
            }
            // Another client of the same quorum and root sees the topology: the state is in ZooKeeper, not here.
            try (StateStorePort other = ZooKeeperAdapterModule.openStateStore(
                    ZooKeeperStateConfig.defaults(ConnectString.parse(server.getConnectString()), "/heron"))) {
                assertThat(other.list()).containsExactly(TopologyName.of("wordcount"));
            }
            assertThat(home.resolve(".herondata/repository/state")).doesNotExist();
        }
    }

    @Test
    void auroraClusterLaunchesAndSchedulesThroughAuroraKeepingStateAndUploadLocal() {
        Injector injector = EgretWiring.injector(context("aurora"), "0.1.0");

        assertThat(injector.getInstance(LauncherPort.class).getClass().getSimpleName())
                .isEqualTo("AuroraLauncher");
        assertThat(injector.getInstance(SchedulerPort.class).getClass().getSimpleName())
                .isEqualTo("AuroraScheduler");
        StateStorePort stateStore = injector.getInstance(StateStorePort.class);
        assertThat(stateStore.getClass().getSimpleName()).isEqualTo("LocalFileSystemStateStore");
        stateStore.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.apache.heron.scheduler.kubernetes.KubernetesScheduler",
                "org.apache.heron.scheduler.nomad.NomadScheduler",
                "org.apache.heron.scheduler.yarn.YarnScheduler"
            })
    void clusterManagersNotInThisBuildAreRefusedNamingWhatIsAvailable(String schedulerClass) {
        assertThatThrownBy(() -> EgretWiring.injector(
                        context(
                                "local",
                                List.of(
                                        "heron.class.scheduler=" + schedulerClass,
                                        "heron.class.launcher=" + schedulerClass.replace("Scheduler", "Launcher"))),
                        "0.1.0"))
                .isInstanceOf(EgretException.class)
                .satisfies(cause -> assertThat(((EgretException) cause).code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("scheduler (--config-property) is not available in this build")
                .hasMessageContaining("available: local, aurora, marathon, mesos")
                .hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "org.apache.heron.uploader.s3.S3Uploader=S3Uploader",
                "com.twitter.heron.uploader.s3.S3Uploader=S3Uploader",
                "org.apache.heron.uploader.hdfs.HdfsUploader=HdfsUploader",
                "com.twitter.heron.uploader.hdfs.HdfsUploader=HdfsUploader"
            })
    void heronsHdfsAndS3UploadersReplaceTheLocalOne(String selection) {
        String[] parts = selection.split("=");
        Injector injector = EgretWiring.injector(
                context(
                        "local",
                        List.of(
                                "heron.class.uploader=" + parts[0],
                                "heron.uploader.s3.bucket=packages",
                                "heron.uploader.s3.region=us-east-1",
                                "heron.uploader.hdfs.topologies.directory.uri=hdfs://namenode:8020/heron/${TOPOLOGY}")),
                "0.1.0");

        assertThat(injector.getInstance(UploaderPort.class).getClass().getSimpleName())
                .isEqualTo(parts[1]);
    }

    @Test
    void aMissingBucketIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> EgretWiring.injector(
                        context("local", List.of("heron.class.uploader=org.apache.heron.uploader.s3.S3Uploader")),
                        "0.1.0"))
                .hasMessageContaining("the S3 uploader needs heron.uploader.s3.bucket");
    }

    @Test
    void marathonClusterLaunchesAndSchedulesOnMarathonWithTheConfiguredStateStore() {
        Injector injector = EgretWiring.injector(context("marathon"), "0.1.0");

        assertThat(injector.getInstance(LauncherPort.class).getClass().getName())
                .isEqualTo("io.egret.adapters.marathon.scheduler.MarathonLauncher");
        assertThat(injector.getInstance(SchedulerPort.class).capabilities().scales())
                .isTrue();
        StateStorePort stateStore = injector.getInstance(StateStorePort.class);
        assertThat(stateStore.getClass().getName()).endsWith("LocalFileSystemStateStore");
        stateStore.close();
    }

    @Test
    void mesosClusterLaunchesThroughTheMesosAdapterAndKeepsTheConfiguredStateStore() throws java.io.IOException {
        // Heron's Mesos files with the local state manager, so that only the scheduler differs from local.
        Path conf = home.resolve("conf");
        Files.createDirectories(conf.resolve("mesos"));
        for (String file : List.of("client.yaml", "packing.yaml", "scheduler.yaml", "uploader.yaml")) {
            Files.copy(
                    CONF.resolve("mesos").resolve(file), conf.resolve("mesos").resolve(file));
        }
        Files.copy(CONF.resolve("local/statemgr.yaml"), conf.resolve("mesos/statemgr.yaml"));
        Injector injector = EgretWiring.injector(context("mesos", conf), "0.1.0");

        assertThat(injector.getInstance(LauncherPort.class).getClass().getSimpleName())
                .isEqualTo("MesosLauncher");
        assertThat(injector.getInstance(SchedulerPort.class).getClass().getSimpleName())
                .isEqualTo("MesosSchedulerClient");
        injector.getInstance(StateStorePort.class).close();
    }

    @Test
    void mesosTasksGetTheS3StoresAddressForTheirFetchButNeverItsKeys() {
        WiringContext context = context(
                "mesos",
                List.of(
                        "heron.class.uploader=org.apache.heron.uploader.s3.S3Uploader",
                        "heron.uploader.s3.bucket=packages",
                        "heron.uploader.s3.uri=http://s3.cluster.invalid:9000",
                        "heron.uploader.s3.region=eu-west-1",
                        "heron.uploader.s3.access_key=AKIDEXAMPLE",
                        "heron.uploader.s3.secret_key=wJalrXUtnFEMI"));

        List<String> command = MesosWiring.taskCommand(context.config());

        assertThat(command)
                .contains(
                        "--fetch-config-property=heron.uploader.s3.region=eu-west-1",
                        "--fetch-config-property=heron.uploader.s3.uri=http://s3.cluster.invalid:9000");
        assertThat(String.join(" ", command)).doesNotContain("AKIDEXAMPLE").doesNotContain("wJalrXUtnFEMI");
        assertThat(MesosWiring.taskCommand(context("mesos").config()))
                .noneMatch(word -> word.startsWith("--fetch-config-property"));
    }

    private WiringContext context(String cluster) {
        return context(cluster, CONF, List.of());
    }

    private WiringContext context(String cluster, List<String> properties) {
        return context(cluster, CONF, properties);
    }

    private WiringContext context(String cluster, Path configPath) {
        return context(cluster, configPath, List.of());
    }

    private WiringContext context(String cluster, Path configPath, List<String> properties) {
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConfigRequest request = ConfigRequest.of(home, cluster)
                .withConfigPath(configPath)
                .withConfigProperties(properties)
                .withEnvironment(new TokenEnvironment(home.toString(), System.getProperty("java.home")));
        EffectiveConfig config = new ClusterConfigLoader().load(request).config();
        ClusterTarget target = new ClusterTarget(cluster, "alice", "default");
        return new WiringContext(config.bind(target, "alice"), target, home, ProgressPort.silent(), Clock.systemUTC());
    }
}
