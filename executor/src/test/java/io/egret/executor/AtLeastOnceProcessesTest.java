package io.egret.executor;

import static io.egret.executor.TestingTopologyProcesses.count;
import static io.egret.executor.TestingTopologyProcesses.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.testsupport.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once through real processes: a topology master and two containers as {@code java -m} executors running
 * {@link ReliableWords} (spout in container 1; split and sink in both). Counts are exact without faults; a worker
 * container SIGKILLed mid-run loses nothing (its trees fail, the spout replays them, duplicates are counted); a
 * slow sink holds each spout task to {@code topology.max.spout.pending} trees in flight.
 */
final class AtLeastOnceProcessesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final long WORDS = ReliableWords.WORDS;

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
    void countsAreExactWithoutFaults() throws Exception {
        int sentences = 2_000;
        Path results = results();
        TopologyMasterLocation master =
                start("exact", ReliableWords.topology("exact", results, sentences, 0, ReliableWords.atLeastOnce(2)));

        awaitAcked(results, sentences);
        TopologyRuntimeStatus status = awaitStatus(
                master,
                current -> count(current, "sentence").acked() == sentences
                        && count(current, "sink").executed() == sentences * WORDS);

        ComponentStatistics spout = count(status, "sentence");
        assertThat(spout.emitted()).isEqualTo(sentences);
        assertThat(spout.failed()).isZero();
        assertThat(spout.replayed()).isZero();
        assertThat(count(status, "split").executed()).isEqualTo(sentences);
        assertThat(count(status, "split").acked()).isEqualTo(sentences);
        assertThat(count(status, "sink").acked()).isEqualTo(sentences * WORDS);
        assertThat(count(status, "sink").dropped()).isZero();
        List<String> lines = ReliableWords.sinkLines(results);
        assertThat(lines).hasSize((int) (sentences * WORDS));
        assertThat(new HashSet<>(lines)).hasSize((int) (sentences * WORDS));
    }

    @Test
    void aKilledWorkerContainerLosesNothingAndItsTreesAreReplayed() throws Exception {
        int sentences = 3_000;
        Path results = results();
        TopologyDefinition definition = ReliableWords.topology(
                "crash",
                results,
                sentences,
                1,
                ReliableWords.atLeastOnce(2).setMessageTimeoutSecs(5).setMaxSpoutPending(300));
        TopologyMasterLocation master = start("crash", definition);

        // Mid-run: some words recorded, most still to come.
        awaitStatus(
                master,
                current -> count(current, "sink").executed() > sentences * WORDS / 5
                        && current.containersAlive().equals(Map.of(1, true, 2, true)));
        assertThat(ReliableWords.spoutReport(results).getOrDefault("acked", 0L)).isLessThan(sentences);
        topology.process(2).destroyForcibly().waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS);
        awaitStatus(master, current -> !current.containersAlive().get(2));
        topology.start(2);

        awaitAcked(results, sentences);
        TopologyRuntimeStatus status = awaitStatus(
                master,
                current -> count(current, "sentence").acked() == sentences
                        && current.containersAlive().equals(Map.of(1, true, 2, true)));

        List<String> lines = ReliableWords.sinkLines(results);
        Set<String> distinct = new HashSet<>(lines);
        long duplicates = lines.size() - distinct.size();
        ComponentStatistics spout = count(status, "sentence");
        String summary = "sink lines " + lines.size() + ", distinct " + distinct.size() + ", duplicates " + duplicates
                + "; spout " + spout + "; sink " + count(status, "sink") + "; split " + count(status, "split");
        System.out.println("at-least-once crash run: " + summary);
        assertThat(distinct).as(summary).hasSize((int) (sentences * WORDS));
        assertThat(spout.failed()).as(summary).isPositive();
        assertThat(spout.replayed()).as(summary).isEqualTo(spout.failed());
        assertThat(ReliableWords.spoutReport(results)).containsEntry("failed", spout.failed());
        // Duplicates come from replays only: each replayed sentence records at most its words again.
        assertThat(duplicates).as(summary).isLessThanOrEqualTo(spout.replayed() * WORDS);
        assertThat(spout.emitted()).as(summary).isEqualTo(sentences + spout.replayed());
    }

    /**
     * The spout's own container dies: its pending roots die with it, and the restarted spout replays from its
     * source (this spout's source is its sentence numbers, so it starts again from 0), as in Heron.
     */
    @Test
    void aKilledSpoutContainerReplaysFromItsSourceAndLosesNothing() throws Exception {
        int sentences = 2_000;
        Path results = results();
        TopologyDefinition definition = ReliableWords.topology(
                "spout-crash",
                results,
                sentences,
                1,
                ReliableWords.atLeastOnce(2).setMessageTimeoutSecs(5).setMaxSpoutPending(300));
        TopologyMasterLocation master = start("spout-crash", definition);

        awaitStatus(
                master,
                current -> count(current, "sink").executed() > sentences * WORDS / 5
                        && current.containersAlive().equals(Map.of(1, true, 2, true)));
        assertThat(ReliableWords.spoutReport(results).getOrDefault("acked", 0L)).isLessThan(sentences);
        topology.process(1).destroyForcibly().waitFor(TestTime.scaled(WAIT).toMillis(), TimeUnit.MILLISECONDS);
        awaitStatus(master, current -> !current.containersAlive().get(1));
        topology.start(1);

        awaitAcked(results, sentences);
        Set<String> distinct = new HashSet<>(ReliableWords.sinkLines(results));
        assertThat(distinct).hasSize((int) (sentences * WORDS));
    }

    @Test
    void maxSpoutPendingBoundsTheTreesInFlightBehindASlowBolt() throws Exception {
        int sentences = 400;
        int maxPending = 20;
        Path results = results();
        TopologyDefinition definition = ReliableWords.topology(
                "throttled", results, sentences, 2, ReliableWords.atLeastOnce(2).setMaxSpoutPending(maxPending));
        TopologyMasterLocation master = start("throttled", definition);

        awaitAcked(results, sentences);
        TopologyRuntimeStatus status =
                awaitStatus(master, current -> count(current, "sentence").acked() == sentences);

        // The spout counts emits minus acks and fails itself: the most it ever had in flight.
        Map<String, Long> report = ReliableWords.spoutReport(results);
        assertThat(report.get("maxPending")).isEqualTo(maxPending);
        assertThat(report.get("failed")).isZero();
        assertThat(count(status, "sentence").failed()).isZero();
    }

    private Path results() throws Exception {
        return Files.createDirectories(directory.resolve("results"));
    }

    private TopologyMasterLocation start(String name, TopologyDefinition definition) throws Exception {
        topology = new TestingTopologyProcesses(directory, definition, 2, TopologyId.of(name + "-it"), JVM_OPTIONS);
        for (int container = 0; container <= 2; container++) {
            topology.start(container);
        }
        return TestTime.awaitValue("the topology master's location", WAIT, topology::masterLocation);
    }

    private static void awaitAcked(Path results, long sentences) throws InterruptedException {
        TestTime.await(
                "every sentence acked by the spout",
                WAIT,
                () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
    }

    private static TopologyRuntimeStatus awaitStatus(
            TopologyMasterLocation master, Predicate<TopologyRuntimeStatus> test) throws InterruptedException {
        return TestTime.awaitValue(
                "the topology's status", WAIT, () -> status(master).filter(test));
    }
}
