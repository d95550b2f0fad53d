package io.egret.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LocalSchedulerServiceSettingsTest {
    private static final LocalSchedulerService.Settings SETTINGS = new LocalSchedulerService.Settings(
            TopologyName.of("wordcount"),
            TopologyId.of("wordcount-42"),
            new ClusterTarget("local", "alice", "prod"),
            Path.of("/sandboxes/wordcount"),
            List.of("${SANDBOX}/heron-core/bin/heron-executor", "--shard=${SHARD}", "--id=${TOPOLOGY_ID}", "--"),
            4,
            Duration.ofMillis(250),
            Duration.ofSeconds(20),
            Duration.ofSeconds(3),
            "127.0.0.1",
            0);

    @Test
    void argumentsRoundTripIncludingAnExecutorCommandThatLooksLikeOptions() {
        List<String> arguments = SETTINGS.toArguments();

        assertThat(LocalSchedulerService.Settings.fromArguments(arguments)).isEqualTo(SETTINGS);
        assertThat(arguments.subList(arguments.indexOf("--") + 1, arguments.size()))
                .isEqualTo(SETTINGS.executorCommandTemplate());
    }

    @Test
    void executorCommandFillsInEveryToken() {
        LocalSchedulerService.Settings settings = new LocalSchedulerService.Settings(
                SETTINGS.topologyName(),
                SETTINGS.topologyId(),
                SETTINGS.target(),
                SETTINGS.sandbox(),
                List.of("x", "${SHARD}/${TOPOLOGY}/${TOPOLOGY_ID}/${CLUSTER}/${ROLE}/${ENVIRON}/${SANDBOX}"),
                1,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                "127.0.0.1",
                0);

        assertThat(settings.executorCommand(3))
                .containsExactly("x", "3/wordcount/wordcount-42/local/alice/prod//sandboxes/wordcount");
    }

    @Test
    void executorCommandCarriesTheHeapBoundItIsGiven() {
        LocalSchedulerService.Settings settings = new LocalSchedulerService.Settings(
                SETTINGS.topologyName(),
                SETTINGS.topologyId(),
                SETTINGS.target(),
                SETTINGS.sandbox(),
                List.of("heron-executor", "--heap-mb=${HEAP_MB}", "--container-id=${SHARD}"),
                1,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                "127.0.0.1",
                0);

        assertThat(settings.executorCommand(2, 3072))
                .containsExactly("heron-executor", "--heap-mb=3072", "--container-id=2");
        assertThat(settings.executorCommand(0))
                .containsExactly(
                        "heron-executor",
                        "--heap-mb=" + LocalSchedulerService.Settings.TOPOLOGY_MASTER_HEAP_MB,
                        "--container-id=0");
    }

    @Test
    void unknownTokensAndMissingArgumentsAreUserErrors() {
        assertThatThrownBy(() -> new LocalSchedulerService.Settings(
                        SETTINGS.topologyName(),
                        SETTINGS.topologyId(),
                        SETTINGS.target(),
                        SETTINGS.sandbox(),
                        List.of("x", "${HERON_HOME}/bin"),
                        1,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        "127.0.0.1",
                        0))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("${HERON_HOME}")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);

        List<String> withoutSandbox = new ArrayList<>(SETTINGS.toArguments());
        int index = withoutSandbox.indexOf("--sandbox");
        withoutSandbox.remove(index);
        withoutSandbox.remove(index);
        assertThatThrownBy(() -> LocalSchedulerService.Settings.fromArguments(withoutSandbox))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("--sandbox is missing");

        List<String> badDuration = new ArrayList<>(SETTINGS.toArguments());
        badDuration.set(badDuration.indexOf("--kill-grace") + 1, "3 seconds");
        assertThatThrownBy(() -> LocalSchedulerService.Settings.fromArguments(badDuration))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("malformed");
    }
}
