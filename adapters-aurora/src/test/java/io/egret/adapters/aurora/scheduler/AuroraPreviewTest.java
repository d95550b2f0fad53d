package io.egret.adapters.aurora.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.TopologyHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Dry-run previews of kill, restart and update, and the job link: the exact client commands, built without running
 * the client (it does not even exist here).
 */
final class AuroraPreviewTest {
    private static final String KEY = "aurora/www-data/devel/wordcount";
    private static final TopologyHandle HANDLE = new TopologyHandle(
            TopologyName.of("wordcount"),
            TopologyId.of("wordcount-1"),
            new ClusterTarget("aurora", "www-data", "devel"),
            Optional.empty());

    static AuroraScheduler scheduler(Optional<String> jobLinkTemplate) {
        AuroraAdapterConfig config = new AuroraAdapterConfig(
                List.of("/nonexistent/bin/aurora"),
                Path.of("/nonexistent/heron.aurora"),
                List.of(),
                AuroraAdapterConfig.SANDBOX_EXECUTOR,
                List.of(),
                "file:///opt/heron-core.tar.gz",
                "/usr/lib/jvm/java",
                "file",
                5,
                Duration.ofSeconds(2),
                Duration.ofMinutes(10),
                jobLinkTemplate);
        return new AuroraScheduler(config, new AuroraClient(config.client()), new LaunchLedger());
    }

    @Test
    void killRestartAndUpdateShowTheExactClientCommands() {
        AuroraScheduler scheduler = scheduler(Optional.empty());

        assertThat(scheduler.previewKill(HANDLE))
                .containsExactly("/nonexistent/bin/aurora job killall " + KEY + " --batch-size 2147483647");
        assertThat(scheduler.previewRestart(HANDLE, OptionalInt.empty()))
                .containsExactly("/nonexistent/bin/aurora job restart " + KEY + " --batch-size 2147483647");
        assertThat(scheduler.previewRestart(HANDLE, OptionalInt.of(2)))
                .containsExactly("/nonexistent/bin/aurora job restart " + KEY + "/2 --batch-size 2147483647");
        assertThat(scheduler.previewUpdate(
                        HANDLE, Set.of(AuroraSimulatorTest.container(3), AuroraSimulatorTest.container(4)), Set.of()))
                .containsExactly("/nonexistent/bin/aurora job add --wait-until RUNNING " + KEY + "/0 2 --verbose");
        assertThat(scheduler.previewUpdate(
                        HANDLE, Set.of(), Set.of(AuroraSimulatorTest.container(4), AuroraSimulatorTest.container(3))))
                .containsExactly("/nonexistent/bin/aurora job kill " + KEY + "/3,4 --batch-size 2147483647");
        assertThat(scheduler.previewUpdate(HANDLE, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void theJobLinkIsTheTemplateWithTheTopologysTokens() {
        AuroraScheduler scheduler =
                scheduler(Optional.of("http://aurora.example.com:8081/scheduler/${ROLE}/${ENVIRON}/${TOPOLOGY}"));

        assertThat(scheduler.jobLinks(HANDLE))
                .containsExactly("http://aurora.example.com:8081/scheduler/www-data/devel/wordcount");
        assertThat(scheduler(Optional.empty()).jobLinks(HANDLE)).isEmpty();
        assertThat(scheduler(Optional.of("  ")).jobLinks(HANDLE)).isEmpty();
    }
}
