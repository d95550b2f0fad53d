package io.egret.modules.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.TokenEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.modules.EgretWiring;
import io.egret.modules.config.ClusterConfigLoader;
import io.egret.modules.config.ConfigRequest;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
    @ValueSource(strings = {"mesos"})
    void clusterManagersNotInThisBuildAreRefusedNamingClusterAndKey(String cluster) {
        assertThatThrownBy(() -> EgretWiring.injector(context(cluster), "0.1.0"))
                .isInstanceOf(EgretException.class)
                .satisfies(cause -> assertThat(((EgretException) cause).code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("cluster '" + cluster + "'")
                .hasMessageContaining("heron.class.")
                .hasMessageContaining("is not available in this build");
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

    private WiringContext context(String cluster) {
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConfigRequest request = ConfigRequest.of(home, cluster)
                .withConfigPath(CONF)
                .withEnvironment(new TokenEnvironment(home.toString(), System.getProperty("java.home")));
        EffectiveConfig config = new ClusterConfigLoader().load(request).config();
        ClusterTarget target = new ClusterTarget(cluster, "alice", "default");
        return new WiringContext(config.bind(target, "alice"), target, home, ProgressPort.silent(), Clock.systemUTC());
    }
}
