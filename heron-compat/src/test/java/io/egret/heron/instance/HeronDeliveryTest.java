package io.egret.heron.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.codec.EgretJson;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.EmbeddedTopology;
import io.egret.executor.RuntimeOptions;
import io.egret.heron.examples.Received;
import io.egret.heron.examples.ReliableTopology;
import io.egret.heron.examples.RoutingTopology;
import io.egret.heron.submit.HeronSubmitRunner;
import io.egret.testsupport.TestTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron's acking, custom groupings and tick tuples on Egret's runtime: topologies written against heron-api only,
 * submitted by HeronSubmitter in a child JVM, run over two containers in this JVM.
 */
final class HeronDeliveryTest {
    private static final int LIMIT = 1000;

    @TempDir
    Path directory;

    @BeforeEach
    void clear() {
        Received.clear();
    }

    @Test
    void failedTuplesAreReplayedUntilEveryNumberIsAckedOnce() throws Exception {
        TopologyDefinition definition = submit(ReliableTopology.class, "reliable");
        assertThat(definition.config()).containsEntry(TopologyConfig.RELIABILITY_MODE, "ATLEAST_ONCE");

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await("every number acked", Duration.ofSeconds(60), () -> Received.count("acked") >= LIMIT);
            assertThat(topology.failures()).isEmpty();
        }
        assertThat(Received.count("acked")).isEqualTo(LIMIT);
        // Each multiple of 10 failed once at "flaky" and was replayed.
        assertThat(Received.count("failed")).isEqualTo(LIMIT / 10);
        assertThat(Received.count("sink")).isEqualTo(LIMIT);
    }

    @Test
    void aCustomGroupingChoosesTasksAndTickTuplesArrive() throws Exception {
        TopologyDefinition definition = submit(RoutingTopology.class, "routing");
        StreamInput input =
                definition.component("halves").orElseThrow().inputs().get(0);
        assertThat(input.grouping()).isInstanceOf(Grouping.Custom.class);
        assertThat(((Grouping.Custom) input.grouping()).className())
                .isEqualTo(RoutingTopology.HalvesGrouping.class.getName());
        assertThat(definition.component("ticker").orElseThrow().config())
                .containsEntry(TopologyConfig.TICK_TUPLE_FREQ_SECS, "1");

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await(
                    "every even number routed",
                    Duration.ofSeconds(30),
                    () -> Received.count("half0") + Received.count("half1") >= LIMIT / 2);
            TestTime.await("two tick tuples", Duration.ofSeconds(30), () -> Received.count("tick") >= 2);
            TestTime.await(
                    "every odd number at ticker", Duration.ofSeconds(30), () -> Received.count("data") >= LIMIT / 2);
            assertThat(topology.failures()).isEmpty();
        }
        assertThat(Received.count("half0")).isEqualTo(LIMIT / 4);
        assertThat(Received.count("half1")).isEqualTo(LIMIT / 4);
        assertThat(Received.tasks("half0")).hasSize(1);
        assertThat(Received.tasks("half1")).hasSize(1).doesNotContainAnyElementsOf(Received.tasks("half0"));
        assertThat(Received.count("data")).isEqualTo(LIMIT / 2);
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
                HeronDeliveryTest.class.getClassLoader(),
                RuntimeOptions.DEFAULTS,
                TestTime.scaled(Duration.ofSeconds(30)));
    }
}
