package io.egret.executor;

import static io.egret.executor.TestingTopologyProcesses.count;
import static io.egret.executor.TestingTopologyProcesses.post;
import static io.egret.executor.TestingTopologyProcesses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.examples.WordCount;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.testsupport.TestTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's acceptance test: a topology master and two containers as separate {@code java -m} processes on
 * the executor's real module path, sharing a file-based state store. WordCount runs; counts grow, stop while
 * deactivated and grow again; a killed container, and then the killed master, are restarted and rejoin; SIGTERM
 * stops everything with exit 0.
 */
final class MultiProcessIntegrationTest {
    private static final String NAME = "word-count";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path directory;

    private TestingTopologyProcesses topology;

    @AfterEach
    void killEverything() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void wordCountAcrossProcessesPausesResumesRejoinsAndStops() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition(NAME, WordCount.config(2));
        TopologyId topologyId = TopologyId.of(NAME + "-it");
        topology = new TestingTopologyProcesses(directory, definition, 2, topologyId, JVM_OPTIONS);
        for (int container = 0; container <= 2; container++) {
            topology.start(container);
        }
        TopologyMasterLocation master = awaitValue(topology::masterLocation);

        // Counts grow.
        TopologyRuntimeStatus first = awaitValue(() -> status(master)
                .filter(status -> count(status, "count").executed() > 5_000
                        && status.containersAlive().equals(Map.of(1, true, 2, true))));
        assertThat(count(first, "sentence").instances()).isEqualTo(2);

        // Deactivated: spouts stop, and once the queues drained nothing is executed any more.
        // Drained means: the counts stayed the same for three stream-manager heartbeats (500 ms each) in a row.
        assertThat(post(master, "/deactivate?topologyid=" + topologyId)).isEqualTo(200);
        QuietCounts quiet = new QuietCounts(Duration.ofMillis(1_500));
        TopologyRuntimeStatus paused = awaitValue(() -> status(master).filter(quiet::quietFor));
        assertThat(paused.state()).isEqualTo(TopologyState.PAUSED);
        TopologyRuntimeStatus stillPaused = status(master).orElseThrow();
        assertThat(stillPaused.state()).isEqualTo(TopologyState.PAUSED);
        assertThat(count(stillPaused, "sentence").emitted())
                .isEqualTo(count(paused, "sentence").emitted());

        // Activated: counts grow again.
        assertThat(post(master, "/activate?topologyid=" + topologyId)).isEqualTo(200);
        long countedWhilePaused = count(stillPaused, "count").executed();
        awaitValue(() ->
                status(master).filter(status -> count(status, "count").executed() > countedWhilePaused + 5_000));

        // A container dies and comes back: it rejoins the physical plan and counts keep growing.
        topology.process(2).destroyForcibly().waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS);
        awaitValue(
                () -> status(master).filter(status -> !status.containersAlive().get(2)));
        topology.start(2);
        TopologyRuntimeStatus rejoined = awaitValue(() ->
                status(master).filter(status -> status.containersAlive().equals(Map.of(1, true, 2, true))));
        long countedAtRejoin = count(rejoined, "count").executed();
        awaitValue(() -> status(master).filter(status -> count(status, "count").executed() > countedAtRejoin + 5_000));
        assertThat(Files.readString(topology.stateRoot().resolve("pplans").resolve(NAME)))
                .contains("\"version\"");

        // The topology master dies and comes back on new ports: stream managers find it and register again.
        topology.process(0).destroyForcibly().waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS);
        topology.start(0);
        TopologyMasterLocation restarted =
                awaitValue(() -> topology.masterLocation().filter(location -> !location.equals(master)));
        TopologyRuntimeStatus afterRestart = awaitValue(() -> status(restarted)
                .filter(status -> status.containersAlive().equals(Map.of(1, true, 2, true))
                        && count(status, "count").executed() > 0));
        long countedAfterRestart = count(afterRestart, "count").executed();
        awaitValue(() ->
                status(restarted).filter(status -> count(status, "count").executed() > countedAfterRestart + 5_000));

        // SIGTERM: every executor shuts down cleanly, and no process is left.
        for (Process process : topology.processes().values()) {
            process.destroy();
        }
        for (Map.Entry<Integer, Process> entry : topology.processes().entrySet()) {
            assertThat(entry.getValue().waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS))
                    .as("container %s stopped", entry.getKey())
                    .isTrue();
            assertThat(entry.getValue().exitValue())
                    .as("container %s exit code; log:%n%s", entry.getKey(), topology.log(entry.getKey()))
                    .isZero();
        }
        assertThat(topology.everyProcess()).noneMatch(Process::isAlive);
    }

    /** The production main on the real module path: help works, and a missing state store is a clear error. */
    @Test
    void productionMainRunsOnTheModulePath() throws Exception {
        String help = run("--help");
        assertThat(help).contains("Usage: heron-executor", "--container-id=N");

        String unwired = run("--topology-name=" + NAME, "--topology-id=x", "--container-id=0");
        assertThat(unwired).contains("exit 1", "packaged without a state store");
    }

    private static String run(String... arguments) throws Exception {
        Process process = new ProcessBuilder(TestingTopologyProcesses.javaCommand(
                        JVM_OPTIONS, "io.egret.executor/io.egret.executor.ExecutorMain", false, arguments))
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            return output + "\nexit " + process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    private static <T> T awaitValue(Supplier<Optional<T>> probe) throws InterruptedException {
        return TestTime.awaitValue("the topology's status", WAIT, () -> {
            Optional<T> value = probe.get();
            if (value.isEmpty()) {
                sleepOnePollInterval();
            }
            return value;
        });
    }

    /** Whether the spout and sink counts have stayed the same for a given span, fed one status at a time. */
    private static final class QuietCounts {
        private final Duration span;
        private long emitted = -1;
        private long executed = -1;
        private long since;

        QuietCounts(Duration span) {
            this.span = span;
        }

        boolean quietFor(TopologyRuntimeStatus status) {
            long nowEmitted = count(status, "sentence").emitted();
            long nowExecuted = count(status, "count").executed();
            long now = System.nanoTime();
            if (nowEmitted != emitted || nowExecuted != executed || status.state() != TopologyState.PAUSED) {
                emitted = nowEmitted;
                executed = nowExecuted;
                since = now;
                return false;
            }
            return now - since >= span.toNanos();
        }
    }

    /** Status polls are spaced so that "unchanged between two polls" means the queues drained. */
    private static void sleepOnePollInterval() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
