package io.egret.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.api.Bolt;
import io.egret.api.Config;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.Tuple;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.examples.Exclamation;
import io.egret.examples.Synthetic;
import io.egret.examples.WordCount;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.testsupport.TestTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

final class EmbeddedTopologyTest {

    @Test
    void wordCountRunsInOneContainerAndPausesAndResumes() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition("word-count", WordCount.config(1));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            awaitTrue(() -> executed(topology, 1, "count") > 10_000);

            topology.deactivate();
            long emittedWhenStopped = emitted(topology, 1, "sentence");
            TimeUnit.MILLISECONDS.sleep(200);
            assertThat(emitted(topology, 1, "sentence")).isEqualTo(emittedWhenStopped);
            assertThat(topology.status().state()).isEqualTo(TopologyState.PAUSED);

            topology.activate();
            awaitTrue(() -> emitted(topology, 1, "sentence") > emittedWhenStopped);
            assertThat(topology.failures()).isEmpty();
        }
    }

    @Test
    void wordCountRunsAcrossTwoContainersAndReportsStatus() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition("word-count", WordCount.config(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> executed(topology, 1, "count") > 1_000 && executed(topology, 2, "count") > 1_000);
            awaitTrue(() -> statusOf(topology.status(), "count").executed() > 1_000);

            TopologyRuntimeStatus status = topology.status();
            assertThat(status.containersAlive()).isEqualTo(Map.of(1, true, 2, true));

            // No loss on a healthy run: once spouts stopped and queues drained, every emitted tuple was executed.
            topology.deactivate();
            awaitTrue(() -> total(topology, "split", false) == total(topology, "sentence", true)
                    && total(topology, "count", false) == total(topology, "split", true));
            assertThat(statusOf(status, "split").instances()).isEqualTo(2);
            assertThat(statusOf(status, "sentence").emitted()).isPositive();
        }
    }

    @Test
    void containerThatRestartsRejoinsThePlan() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition("word-count", WordCount.config(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> executed(topology, 2, "count") > 1_000);

            topology.stopContainer(2);
            awaitTrue(() -> !topology.status().containersAlive().get(2));
            topology.startContainer(2);

            awaitTrue(() -> topology.status().containersAlive().get(2) && executed(topology, 2, "count") > 1_000);
            long before = executed(topology, 1, "count");
            awaitTrue(() -> executed(topology, 1, "count") > before + 1_000);
        }
    }

    @Test
    void newPackingPlanRestartsInstancesOnTheNewLayout() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition("word-count", WordCount.config(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> executed(topology, 2, "count") > 1_000);

            TopologyDefinition scaled = definition.withParallelism(Map.of("split", 3, "count", 3));
            topology.updatePackingPlan(
                    EmbeddedTopology.roundRobinPlan(scaled, 3), TestTime.scaled(Duration.ofSeconds(15)));

            awaitTrue(() -> executed(topology, 3, "count") > 1_000);
            assertThat(topology.status().containersAlive()).isEqualTo(Map.of(1, true, 2, true, 3, true));
            assertThat(statusOf(topology.status(), "split").instances()).isEqualTo(3);
        }
    }

    @Test
    void fieldsGroupingSendsEachWordToOneTaskAcrossContainers() throws Exception {
        WordsSeen.BY_TASK.clear();
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new WordCount.SentenceSpout(), 2);
        builder.setBolt("split", new WordCount.SplitBolt(), 2).shuffleGrouping("sentence");
        builder.setBolt("seen", new WordsSeen(), 3).fieldsGrouping("split", new Fields("word"));
        TopologyDefinition definition = builder.createTopology().toDefinition("grouping", new Config().setNumStmgrs(2));

        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> executed(topology, 1, "seen") + executed(topology, 2, "seen") > 20_000);
        }

        Set<String> all = new HashSet<>();
        int total = 0;
        for (Set<String> words : WordsSeen.BY_TASK.values()) {
            all.addAll(words);
            total += words.size();
        }
        assertThat(WordsSeen.BY_TASK).hasSize(3);
        assertThat(total).as("no word reached two tasks").isEqualTo(all.size());
        assertThat(all).contains("cow", "moon", "seven", "nature");
    }

    @Test
    void throwingBoltKeepsRunningAndFailingSpoutOpenFailsTheContainer() throws Exception {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new WordCount.SentenceSpout());
        builder.setBolt("picky", new PickyBolt()).shuffleGrouping("sentence");
        TopologyDefinition picky = builder.createTopology().toDefinition("picky", new Config());
        try (EmbeddedTopology topology = EmbeddedTopology.start(picky, 1)) {
            awaitTrue(() -> executed(topology, 1, "picky") > 10_000);
            assertThat(topology.failures()).isEmpty();
        }

        TopologyBuilder broken = new TopologyBuilder();
        broken.setSpout("broken", new BrokenSpout());
        TopologyDefinition brokenDefinition = broken.createTopology().toDefinition("broken", new Config());
        try (EmbeddedTopology topology = EmbeddedTopology.start(brokenDefinition, 1)) {
            awaitTrue(() -> !topology.failures().isEmpty());
            assertThat(topology.failures().get(0)).hasMessageContaining("cannot connect");
        }
    }

    /** Throws on every other tuple. */
    static final class PickyBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        private transient long seen;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {}

        @Override
        public void execute(Tuple tuple) {
            if (seen++ % 2 == 0) {
                throw new IllegalStateException("odd tuple");
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    /** Cannot open. */
    static final class BrokenSpout implements Spout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            throw new IllegalStateException("cannot connect to the source");
        }

        @Override
        public void nextTuple() {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    @Test
    void slowBoltHoldsTheSpoutBackWithBoundedBuffering() throws Exception {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new WordCount.SentenceSpout());
        builder.setBolt("slow", new SlowBolt()).shuffleGrouping("sentence");
        TopologyDefinition definition = builder.createTopology().toDefinition("slow", new Config());
        RuntimeOptions options = new RuntimeOptions(16, 4);
        try (EmbeddedTopology topology = EmbeddedTopology.start(
                definition,
                EmbeddedTopology.roundRobinPlan(definition, 1),
                getClass().getClassLoader(),
                options,
                TestTime.scaled(Duration.ofSeconds(20)))) {
            awaitTrue(() -> executed(topology, 1, "slow") > 200);
            topology.deactivate();
            long inFlight = emitted(topology, 1, "sentence") - executed(topology, 1, "slow");

            // Unbounded buffering would show millions here: the spout is a million times faster than the bolt. The
            // bound is the queue (4 batches of 16), the batch being executed, the batch the spout waits to hand
            // over, and the up to 9 batches a bolt executes between two publications of its count.
            assertThat(inFlight).isBetween(0L, (long) options.batchSize() * (options.queueBatches() + 11));
        }
    }

    @Test
    void exclamationAndSyntheticRunAcrossContainers() throws Exception {
        try (EmbeddedTopology topology =
                EmbeddedTopology.start(Exclamation.topology().toDefinition("exclamation", new Config()), 2)) {
            awaitTrue(() -> executed(topology, 1, "exclaim2") + executed(topology, 2, "exclaim2") > 1_000);
        }
        Synthetic.Shape shape =
                Synthetic.Shape.parse(new String[] {"--spouts=2", "--bolts=2", "--parallelism=2", "--containers=2"});
        TopologyDefinition synthetic = Synthetic.topology(shape).toDefinition(shape.name(), Synthetic.config(shape));
        try (EmbeddedTopology topology = EmbeddedTopology.start(synthetic, 2)) {
            awaitTrue(() -> executed(topology, 1, "bolt-1") + executed(topology, 2, "bolt-1") > 1_000);
        }
    }

    /** Takes a millisecond per tuple. */
    static final class SlowBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {}

        @Override
        public void execute(Tuple tuple) {
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    static long executed(EmbeddedTopology topology, int container, String component) {
        ComponentStatistics statistics = topology.counters(container).get(component);
        return statistics == null ? 0 : statistics.executed();
    }

    static long emitted(EmbeddedTopology topology, int container, String component) {
        ComponentStatistics statistics = topology.counters(container).get(component);
        return statistics == null ? 0 : statistics.emitted();
    }

    /** Emitted (or executed) tuples of a component summed over both containers. */
    static long total(EmbeddedTopology topology, String component, boolean emittedCount) {
        long sum = 0;
        for (int container = 1; container <= 2; container++) {
            sum += emittedCount ? emitted(topology, container, component) : executed(topology, container, component);
        }
        return sum;
    }

    static ComponentStatistics statusOf(TopologyRuntimeStatus status, String component) {
        return status.components().stream()
                .filter(statistics -> statistics.component().equals(component))
                .findFirst()
                .orElseThrow();
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        TestTime.await("the embedded topology's counters", Duration.ofSeconds(15), condition);
    }

    /** Records which words each task saw. */
    static final class WordsSeen implements Bolt {
        private static final long serialVersionUID = 1L;
        static final Map<Integer, Set<String>> BY_TASK = new ConcurrentHashMap<>();

        private transient Set<String> words;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            words = ConcurrentHashMap.newKeySet();
            BY_TASK.put(context.getThisTaskId(), words);
        }

        @Override
        public void execute(Tuple tuple) {
            words.add(tuple.getStringByField("word"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
