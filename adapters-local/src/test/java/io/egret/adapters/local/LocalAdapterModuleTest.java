package io.egret.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.egret.adapters.local.testing.TestingJvm;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.TopologyLoaderPort;
import io.egret.ports.out.TopologyPackagerPort;
import io.egret.ports.out.UploaderPort;
import java.io.File;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LocalAdapterModuleTest {
    @TempDir
    Path home;

    @Test
    void defaultsFollowHeronsLocalCluster() {
        LocalAdapterConfig config = LocalAdapterConfig.defaults(Path.of("/home/alice"), "local");

        assertThat(config.stateRoot()).isEqualTo(Path.of("/home/alice/.herondata/repository/state/local"));
        assertThat(config.initializeStateTree()).isTrue();
        assertThat(config.stateMutexTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.uploaderDirectory())
                .isEqualTo("/home/alice/.herondata/repository/topologies/local/${ROLE}/${TOPOLOGY}");
        assertThat(config.javaBinary()).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java"));
        assertThat(config.apiClassPath()).isEmpty();
        assertThat(config.topologyLoadTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.temporaryDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        LocalAdapterConfig.SchedulerConfig scheduler = config.scheduler();
        assertThat(scheduler.workingDirectory())
                .isEqualTo("/home/alice/.herondata/topologies/local/${ROLE}/${TOPOLOGY}");
        assertThat(scheduler.coreUri()).isEmpty();
        assertThat(scheduler.coreDirectory()).isEmpty();
        assertThat(scheduler.serviceCommand()).isEmpty();
        assertThat(scheduler.executorCommand()).first().isEqualTo("${SANDBOX}/heron-core/bin/heron-executor");
        assertThat(scheduler.executorCommand()).contains("--shard=${SHARD}", "--topology-name=${TOPOLOGY}");
        assertThat(scheduler.maxExecutorRestarts()).isEqualTo(5);
        assertThat(scheduler.executorRestartBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(scheduler.maxExecutorRestartBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scheduler.killGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scheduler.serviceHost()).isEqualTo("127.0.0.1");
        assertThat(scheduler.serviceStartTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(scheduler.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scheduler.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void explicitValuesAreKept() {
        LocalAdapterConfig config = new LocalAdapterConfig(
                Path.of("/state"),
                false,
                Duration.ofSeconds(5),
                "/packages/${TOPOLOGY}",
                Path.of("/opt/java/bin/java"),
                List.of(Path.of("/lib/api.jar")),
                Duration.ofSeconds(9),
                Path.of("/scratch"),
                new LocalAdapterConfig.SchedulerConfig(
                        "/work/${TOPOLOGY}",
                        Optional.of(URI.create("https://example.com/heron-core.tar.gz")),
                        Optional.empty(),
                        List.of("java", "-m", "io.egret.app/io.egret.app.SchedulerServiceMain"),
                        List.of("/bin/executor", "--shard=${SHARD}"),
                        3,
                        Duration.ofMillis(100),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        "0.0.0.0",
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10)));

        assertThat(config.scheduler().coreUri()).contains(URI.create("https://example.com/heron-core.tar.gz"));
        assertThat(config.scheduler()
                        .withCore(Optional.empty(), Optional.of(Path.of("/core")))
                        .coreDirectory())
                .contains(Path.of("/core"));
        assertThat(config.scheduler().withServiceCommand(List.of("x")).serviceCommand())
                .containsExactly("x");
        assertThat(config.scheduler().withExecutorCommand(List.of("y")).executorCommand())
                .containsExactly("y");
        assertThat(config.scheduler()
                        .withRestarts(7, Duration.ZERO, Duration.ZERO)
                        .maxExecutorRestarts())
                .isEqualTo(7);
        assertThat(config.withScheduler(config.scheduler())).isEqualTo(config);

        assertThat(config.withStateRoot(Path.of("/other")).stateRoot()).isEqualTo(Path.of("/other"));
        assertThat(config.withUploaderDirectory("/u").uploaderDirectory()).isEqualTo("/u");
        assertThat(config.withApiClassPath(List.of()).apiClassPath()).isEmpty();
        assertThat(config.withTemporaryDirectory(Path.of("/t")).temporaryDirectory())
                .isEqualTo(Path.of("/t"));
        assertThat(config.withStateRoot(Path.of("/other")).withStateRoot(Path.of("/state")))
                .isEqualTo(config);
    }

    @Test
    void moduleClassPathFollowsRequiresAndLeavesOutTheJdk() {
        ModuleFinder finder =
                ModuleFinder.of(Stream.of(System.getProperty("jdk.module.path").split(File.pathSeparator))
                        .map(Path::of)
                        .toArray(Path[]::new));

        List<Path> classPath = LocalAdapterConfig.moduleClassPath(finder, "io.egret.codec");

        assertThat(classPath.stream().map(path -> path.getFileName().toString()))
                .anySatisfy(name -> assertThat(name).contains("codec"))
                .anySatisfy(name -> assertThat(name).contains("domain"))
                .anySatisfy(name -> assertThat(name).startsWith("jackson-databind"))
                .anySatisfy(name -> assertThat(name).startsWith("jackson-core"))
                .anySatisfy(name -> assertThat(name).startsWith("jackson-annotations"))
                .anySatisfy(name -> assertThat(name).startsWith("jackson-datatype-jsr310"))
                .noneSatisfy(name -> assertThat(name).contains("guice"));
        assertThatThrownBy(() -> LocalAdapterConfig.moduleClassPath(finder, LocalAdapterConfig.API_MODULE))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("module io.egret.api");
    }

    @Test
    void bindsEveryPortAsASingleton() {
        Injector injector = Guice.createInjector(new LocalAdapterModule(LocalAdapterConfig.defaults(home, "local")));

        try (StateStorePort store = injector.getInstance(StateStorePort.class)) {
            assertThat(injector.getInstance(StateStorePort.class)).isSameAs(store);
            assertThat(store.list()).isEmpty();
        }
        assertThat(injector.getInstance(UploaderPort.class)).isSameAs(injector.getInstance(UploaderPort.class));
        assertThat(injector.getInstance(TopologyPackagerPort.class)).isNotNull();
        assertThat(injector.getInstance(TopologyLoaderPort.class)).isNotNull();
        assertThat(injector.getInstance(LauncherPort.class)).isSameAs(injector.getInstance(LauncherPort.class));
        assertThat(injector.getInstance(SchedulerPort.class).capabilities().scales())
                .isTrue();
        assertThat(home.resolve(".herondata/repository/state/local/topologies")).isDirectory();
    }

    @Test
    void worksOnTheRealModulePath() throws Exception {
        assertThat(System.getProperty("jdk.module.path", ""))
                .as("tests run on the module path")
                .isNotBlank();
        List<String> command = TestingJvm.moduleCommand(ModulePathSmokeMain.class, home.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output.strip())
                .as(output)
                .isEqualTo("OK LocalFileSystemStateStore LocalFileSystemUploader TarGzTopologyPackager"
                        + " ProcessTopologyLoader LocalLauncher LocalSchedulerClient topologies=0");
        assertThat(process.exitValue()).isZero();
    }
}
