package io.egret.heron.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.codec.EgretJson;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.EmbeddedTopology;
import io.egret.executor.RuntimeOptions;
import io.egret.heron.examples.ChosenTask;
import io.egret.heron.examples.CustomGroupingTopology;
import io.egret.heron.examples.DirectGroupingTopology;
import io.egret.heron.examples.HookedTopology;
import io.egret.heron.examples.Received;
import io.egret.heron.examples.ReliableTopology;
import io.egret.heron.examples.RoutingTopology;
import io.egret.heron.examples.TickTopology;
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

    @Test
    void aCustomGroupingSendsEachNumberToTheTaskItChooses() throws Exception {
        TopologyDefinition definition = submit(CustomGroupingTopology.class, "custom");
        assertThat(definition.component("chosen").orElseThrow().inputs().get(0).grouping())
                .isInstanceOf(Grouping.Custom.class);

        try (EmbeddedTopology topology = start(definition)) {
            awaitEveryNumberAtItsTask();
            assertThat(topology.failures()).isEmpty();
        }
        assertExactlyWhereChosen();
    }

    @Test
    void emitDirectSendsEachNumberToTheTaskItNames() throws Exception {
        TopologyDefinition definition = submit(DirectGroupingTopology.class, "direct");
        assertThat(definition.component("chosen").orElseThrow().inputs().get(0).grouping())
                .isInstanceOf(Grouping.Direct.class);

        try (EmbeddedTopology topology = start(definition)) {
            awaitEveryNumberAtItsTask();
            assertThat(topology.failures()).isEmpty();
        }
        assertExactlyWhereChosen();
    }

    @Test
    void topologyWideTickTuplesFlushWhatABoltHolds() throws Exception {
        TopologyDefinition definition = submit(TickTopology.class, "ticks");
        assertThat(definition.config()).containsEntry(TopologyConfig.TICK_TUPLE_FREQ_SECS, "1");

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await(
                    "every number flushed on a tick",
                    Duration.ofSeconds(60),
                    () -> Received.count("flushed:flushed") >= LIMIT);
            TestTime.await(
                    "ticks at both batchers",
                    Duration.ofSeconds(60),
                    () -> Received.tasks(TickTopology.TICKS).size() == 2);
            assertThat(topology.failures()).isEmpty();
        }
        assertThat(Received.count("flushed:flushed")).isEqualTo(LIMIT);
        assertThat(Received.count("ticks:ticks")).isPositive();
    }

    @Test
    void taskHooksSeeEveryEmitExecuteAckAndFailAfterTheirPrepare() throws Exception {
        TopologyDefinition definition = submit(HookedTopology.class, "hooked");
        int instances = definition.components().stream()
                .mapToInt(ComponentDefinition::parallelism)
                .sum();

        try (EmbeddedTopology topology = start(definition)) {
            TestTime.await(
                    "every number acked, as the hooks saw it",
                    Duration.ofSeconds(60),
                    () -> Received.count("spoutacks:acks") >= LIMIT && Received.count("boltacks:acks") >= LIMIT);
            for (int container = 1; container <= 2; container++) {
                topology.counters(container)
                        .values()
                        .forEach(component -> assertThat(component.failures())
                                .as(component.component())
                                .isZero());
            }
            assertThat(topology.failures()).isEmpty();
        }
        // Each multiple of 10 failed once at "flaky" and was replayed.
        assertThat(Received.count("spoutemits:emits")).isEqualTo(LIMIT + LIMIT / 10);
        assertThat(Received.count("spoutacks:acks")).isEqualTo(LIMIT);
        assertThat(Received.count("spoutfails:fails")).isEqualTo(LIMIT / 10);
        assertThat(Received.count("boltexecutes:executes")).isEqualTo(LIMIT + LIMIT / 10);
        assertThat(Received.count("boltacks:acks")).isEqualTo(LIMIT);
        assertThat(Received.count("boltfails:fails")).isEqualTo(LIMIT / 10);
        // topology.auto.task.hooks: one hook per instance, prepared and cleaned up.
        assertThat(Received.count("auto:spoutAck")).isEqualTo(LIMIT);
        assertThat(Received.count("auto:prepare")).isEqualTo(instances);
        assertThat(Received.count("auto:cleanup")).isEqualTo(instances);
    }

    private static void awaitEveryNumberAtItsTask() throws InterruptedException {
        TestTime.await(
                "every number at a task of chosen",
                Duration.ofSeconds(60),
                () -> Received.count("at0:task0")
                                + Received.count("at1:task1")
                                + Received.count("at2:task2")
                                + Received.count(ChosenTask.MISROUTED)
                        >= LIMIT);
    }

    /** Of 0 to 999, the 200 multiples of 5 at the first task, 400 at each of the others, none elsewhere. */
    private static void assertExactlyWhereChosen() {
        assertThat(Received.count(ChosenTask.MISROUTED)).isZero();
        assertThat(Received.count("at0:task0")).isEqualTo(LIMIT / 5);
        assertThat(Received.count("at1:task1")).isEqualTo(2 * LIMIT / 5);
        assertThat(Received.count("at2:task2")).isEqualTo(2 * LIMIT / 5);
        Set<Integer> tasks = new HashSet<>();
        for (int index = 0; index < ChosenTask.TASKS; index++) {
            assertThat(Received.tasks(ChosenTask.stream(index))).hasSize(1);
            tasks.addAll(Received.tasks(ChosenTask.stream(index)));
        }
        assertThat(tasks).as("one task per index").hasSize(ChosenTask.TASKS);
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
