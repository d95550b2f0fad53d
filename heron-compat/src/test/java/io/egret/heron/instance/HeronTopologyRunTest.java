package io.egret.heron.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.codec.EgretJson;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.EmbeddedTopology;
import io.egret.executor.RuntimeOptions;
import io.egret.heron.examples.BrokenTopology;
import io.egret.heron.examples.ExclamationTopology;
import io.egret.heron.examples.MultiStreamTopology;
import io.egret.heron.examples.Received;
import io.egret.heron.examples.StreamletTopology;
import io.egret.heron.examples.WordCountTopology;
import io.egret.heron.examples.WordSpout;
import io.egret.heron.submit.HeronSubmitRunner;
import io.egret.testsupport.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron topologies, submitted by Heron's HeronSubmitter in a child JVM, run on Egret's runtime in this JVM (a topology
 * master and two containers over loopback TCP), with exact counts at their sinks.
 */
final class HeronTopologyRunTest {
    private static final int LIMIT = 1000;

    @TempDir
    Path directory;

    @BeforeEach
    void clear() {
        Received.clear();
    }

    @Test
    void wordCountDeliversEveryWordToOneInstance() throws Exception {
        TopologyDefinition definition = submit(WordCountTopology.class, "wordcount");

        try (EmbeddedTopology topology = start(definition)) {
            long perWord = 2L * LIMIT / WordSpout.WORDS.length;
            for (String word : WordSpout.WORDS) {
                TestTime.await(
                        "word " + word + " counted " + perWord + " times",
                        Duration.ofSeconds(30),
                        () -> Received.count("count:" + word) >= perWord);
            }
            assertThat(topology.failures()).isEmpty();
        }
        Set<Integer> tasks = new HashSet<>();
        for (String word : WordSpout.WORDS) {
            assertThat(Received.count("count:" + word)).isEqualTo(2L * LIMIT / WordSpout.WORDS.length);
            assertThat(Received.tasks("count:" + word))
                    .as("fields grouping: one instance per word")
                    .hasSize(1);
            tasks.addAll(Received.tasks("count:" + word));
        }
        assertThat(tasks).as("words spread over the bolt's instances").hasSizeGreaterThan(1);
    }

    @Test
    void exclamationRunsThroughTwoShuffledBolts() throws Exception {
        TopologyDefinition definition = submit(ExclamationTopology.class, "exclamation");

        try (EmbeddedTopology topology = start(definition)) {
            long perWord = 2L * LIMIT / WordSpout.WORDS.length;
            for (String word : WordSpout.WORDS) {
                TestTime.await(
                        word + "!!!!!! arrived " + perWord + " times",
                        Duration.ofSeconds(30),
                        () -> Received.count("exclaim:" + word + "!!!!!!") >= perWord);
                assertThat(Received.count("exclaim:" + word + "!!!!!!")).isEqualTo(perWord);
            }
            assertThat(topology.failures()).isEmpty();
        }
    }

    @Test
    void namedStreamsWithAllAndGlobalGroupings() throws Exception {
        TopologyDefinition definition = submit(MultiStreamTopology.class, "streams");

        try (EmbeddedTopology topology = start(definition)) {
            long half = LIMIT / 2;
            TestTime.await(
                    "every odd number at both odds instances",
                    Duration.ofSeconds(30),
                    () -> Received.count("odds:odd") >= 2 * half);
            TestTime.await(
                    "every even number at evens",
                    Duration.ofSeconds(30),
                    () -> Received.count("evens:default") >= half);
            assertThat(Received.count("odds:odd")).isEqualTo(2 * half);
            assertThat(Received.tasks("odds:odd")).hasSize(2);
            assertThat(Received.count("evens:default")).isEqualTo(half);
            assertThat(Received.tasks("evens:default"))
                    .as("global grouping: one instance")
                    .hasSize(1);
            assertThat(topology.failures()).isEmpty();
        }
    }

    @Test
    void aStreamletTopologyRunsItsSourceMapFilterAndConsumer() throws Exception {
        TopologyDefinition definition = submit(StreamletTopology.class, "streamlet");
        assertThat(definition.componentNames()).containsExactlyInAnyOrder("numbers", "double", "fours", "count");

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await(
                    "half the numbers consumed", Duration.ofSeconds(30), () -> Received.count("fours") >= LIMIT / 2);
            assertThat(topology.failures()).isEmpty();
        }
        assertThat(Received.count("fours")).isEqualTo(LIMIT / 2);
    }

    @Test
    void aBoltWhosePrepareFailsStopsItsContainerWithOneLineNamingIt() throws Exception {
        TopologyDefinition definition = submit(BrokenTopology.class, "broken");

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await(
                    "the failure reported",
                    Duration.ofSeconds(30),
                    () -> !topology.failures().isEmpty());
            Throwable failure = topology.failures().get(0);
            assertThat(failure).isInstanceOf(HeronComponentException.class);
            assertThat(failure.getMessage())
                    .isEqualTo("Heron bolt 'store' (" + BrokenTopology.UnreachableBolt.class.getName()
                            + ") failed in prepare: java.lang.IllegalStateException: cannot reach database"
                            + " db.example:5432");
        }
    }

    private TopologyDefinition submit(Class<?> main, String name) throws Exception {
        HeronSubmitRunner.Result run = HeronSubmitRunner.run(
                directory, main.getName(), name, "--limit", Integer.toString(LIMIT), "--containers", "2");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return EgretJson.fromBytes(Files.readAllBytes(run.egretFile()), TopologyDefinition.class);
    }

    private static EmbeddedTopology start(TopologyDefinition definition) {
        return EmbeddedTopology.start(
                definition,
                EmbeddedTopology.roundRobinPlan(definition, 2),
                HeronTopologyRunTest.class.getClassLoader(),
                RuntimeOptions.DEFAULTS,
                TestTime.scaled(Duration.ofSeconds(30)));
    }
}
