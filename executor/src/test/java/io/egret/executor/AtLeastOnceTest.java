package io.egret.executor;

import static io.egret.executor.EmbeddedTopologyTest.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.api.Bolt;
import io.egret.api.Config;
import io.egret.api.CustomStreamGrouping;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Streams;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.Tuple;
import io.egret.api.Values;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.out.ComponentStatistics;
import io.egret.testsupport.TestTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once in one JVM: exact counts, trees that complete, fail and time out, at-most-once acking message ids at
 * once, tick tuples, direct and custom groupings.
 */
final class AtLeastOnceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path results;

    @Test
    void everySentenceIsAckedOnceAndEveryWordRecordedOnceWithoutFaults() throws Exception {
        int sentences = 1_000;
        TopologyDefinition definition =
                ReliableWords.topology("reliable", results, sentences, 0, ReliableWords.atLeastOnce(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            TestTime.await(
                    "every sentence acked",
                    WAIT,
                    () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
            TestTime.await(
                    "the master's counts",
                    WAIT,
                    () -> statusOf(topology.status(), "sentence").acked() == sentences
                            && statusOf(topology.status(), "sink").executed()
                                    == (long) sentences * ReliableWords.WORDS);

            ComponentStatistics spout = statusOf(topology.status(), "sentence");
            assertThat(spout.emitted()).isEqualTo(sentences);
            assertThat(spout.failed()).isZero();
            assertThat(spout.replayed()).isZero();
            assertThat(statusOf(topology.status(), "split").executed()).isEqualTo(sentences);
            assertThat(statusOf(topology.status(), "split").acked()).isEqualTo(sentences);
            assertThat(statusOf(topology.status(), "sink").acked()).isEqualTo((long) sentences * ReliableWords.WORDS);
        }
        List<String> lines = ReliableWords.sinkLines(results);
        assertThat(lines).hasSize(sentences * ReliableWords.WORDS);
        assertThat(new HashSet<>(lines)).hasSize(sentences * ReliableWords.WORDS);
    }

    @Test
    void aFailedTupleFailsItsSpoutTupleAtOnceAndTheReplayCompletes() throws Exception {
        int sentences = 200;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableWords.FiniteSentences(sentences, results.toString()));
        builder.setBolt("picky", new FailsOddSentencesOnce()).shuffleGrouping("sentence");
        TopologyDefinition definition = builder.createTopology()
                .toDefinition("picky", ReliableWords.atLeastOnce(1).setMessageTimeoutSecs(600));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            TestTime.await(
                    "every sentence acked",
                    WAIT,
                    () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
            TestTime.await(
                    "the master's counts",
                    WAIT,
                    () -> statusOf(topology.status(), "sentence").acked() == sentences);
            ComponentStatistics spout = statusOf(topology.status(), "sentence");
            assertThat(spout.failed()).isEqualTo(sentences / 2);
            assertThat(spout.replayed()).isEqualTo(sentences / 2);
            assertThat(spout.emitted()).isEqualTo(sentences + sentences / 2);
            assertThat(statusOf(topology.status(), "picky").failed()).isEqualTo(sentences / 2);
        }
        assertThat(ReliableWords.spoutReport(results)).containsEntry("failed", (long) sentences / 2);
    }

    @Test
    void aTreeThatDoesNotCompleteTimesOutAndIsReplayed() throws Exception {
        int sentences = 50;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableWords.FiniteSentences(sentences, results.toString()));
        builder.setBolt("forgetful", new ForgetsEveryTenthSentenceOnce()).shuffleGrouping("sentence");
        TopologyDefinition definition = builder.createTopology()
                .toDefinition("forgetful", ReliableWords.atLeastOnce(1).setMessageTimeoutSecs(1));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            TestTime.await(
                    "every sentence acked",
                    WAIT,
                    () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
            TestTime.await(
                    "the master's counts",
                    WAIT,
                    () -> statusOf(topology.status(), "sentence").acked() == sentences);
            ComponentStatistics spout = statusOf(topology.status(), "sentence");
            assertThat(spout.failed()).isEqualTo(sentences / 10);
            assertThat(spout.replayed()).isEqualTo(sentences / 10);
            assertThat(statusOf(topology.status(), "forgetful").failed()).isZero();
        }
    }

    @Test
    void atMostOnceAcksMessageIdsRightAwayAndTracksNothing() throws Exception {
        int sentences = 300;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableWords.FiniteSentences(sentences, results.toString()));
        builder.setBolt("forgetful", new ForgetsEveryTenthSentenceOnce()).shuffleGrouping("sentence");
        TopologyDefinition definition = builder.createTopology().toDefinition("fast", new Config());
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            TestTime.await(
                    "every sentence acked",
                    WAIT,
                    () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
            TestTime.await(
                    "the master's counts",
                    WAIT,
                    () -> statusOf(topology.status(), "forgetful").executed() == sentences);
            assertThat(statusOf(topology.status(), "sentence").failed()).isZero();
            assertThat(statusOf(topology.status(), "sentence").emitted()).isEqualTo(sentences);
        }
    }

    @Test
    void tickTuplesArriveAtTheComponentsFrequencyAndNeedNoAck() throws Exception {
        CountsTicks.TICKS.set(0);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableWords.FiniteSentences(0, results.toString()));
        builder.setBolt("ticking", new CountsTicks())
                .shuffleGrouping("sentence")
                .setTickTupleFrequency(1);
        TopologyDefinition definition = builder.createTopology()
                .toDefinition("ticks", ReliableWords.atLeastOnce(1).setTickTupleFrequency(3600));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            TestTime.await("two ticks", WAIT, () -> CountsTicks.TICKS.get() >= 2);
            assertThat(CountsTicks.OTHER.get()).isZero();
            assertThat(statusOf(topology.status(), "ticking").executed()).isZero();
        }
    }

    @Test
    void directAndCustomGroupingsSendEachTupleWhereTheEmitterOrGroupingSays() throws Exception {
        RecordsTasks.SEEN.clear();
        int sentences = 100;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableWords.FiniteSentences(sentences, results.toString()));
        builder.setBolt("director", new Director()).shuffleGrouping("sentence");
        builder.setBolt("direct", new RecordsTasks(), 2).directGrouping("director");
        builder.setBolt("custom", new RecordsTasks(), 2).customGrouping("sentence", new ByParity());
        TopologyDefinition definition = builder.createTopology().toDefinition("routing", ReliableWords.atLeastOnce(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            TestTime.await(
                    "every sentence acked",
                    WAIT,
                    () -> ReliableWords.spoutReport(results).getOrDefault("acked", 0L) == sentences);
        }
        // Tasks: sentence 1, director 2, direct 3 and 4, custom 5 and 6.
        for (long sentence = 0; sentence < sentences; sentence++) {
            assertThat(RecordsTasks.SEEN.get("direct:" + sentence)).isEqualTo(sentence % 2 == 0 ? 3 : 4);
            assertThat(RecordsTasks.SEEN.get("custom:" + sentence)).isEqualTo(sentence % 2 == 0 ? 5 : 6);
        }
        assertThat(RecordsTasks.SEEN).hasSize(2 * sentences);
    }

    /** Fails each odd sentence the first time it sees it; acks everything else. */
    static final class FailsOddSentencesOnce implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient Set<Long> failedOnce;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.failedOnce = new HashSet<>();
        }

        @Override
        public void execute(Tuple tuple) {
            long sentence = tuple.getLong(0);
            if (sentence % 2 == 1 && failedOnce.add(sentence)) {
                collector.fail(tuple);
            } else {
                collector.ack(tuple);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    /** Neither acks nor fails every tenth sentence the first time it sees it. */
    static final class ForgetsEveryTenthSentenceOnce implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient Set<Long> forgotten;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.forgotten = new HashSet<>();
        }

        @Override
        public void execute(Tuple tuple) {
            long sentence = tuple.getLong(0);
            if (sentence % 10 != 0 || !forgotten.add(sentence)) {
                collector.ack(tuple);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    /** Counts tick tuples and anything else it receives. */
    static final class CountsTicks implements Bolt {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger TICKS = new AtomicInteger();
        static final AtomicInteger OTHER = new AtomicInteger();
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            (tuple.isTick() ? TICKS : OTHER).incrementAndGet();
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    /** Sends each sentence directly to the first subscriber task for even sentences, the second for odd ones. */
    static final class Director implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient List<Integer> targets;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.targets = context.getComponentTasks("direct");
        }

        @Override
        public void execute(Tuple tuple) {
            long sentence = tuple.getLong(0);
            collector.emitDirect(
                    targets.get((int) (sentence % 2)), Streams.DEFAULT, List.of(tuple), new Values(sentence));
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Routes even sentences to the first target task and odd ones to the second. */
    static final class ByParity implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;
        private List<Integer> targets = List.of();

        @Override
        public void prepare(TopologyContext context, String component, String stream, List<Integer> targetTasks) {
            targets = targetTasks;
        }

        @Override
        public List<Integer> chooseTasks(List<Object> values) {
            return List.of(targets.get((int) (((Long) values.get(0)) % 2)));
        }
    }

    /** Records which task received each sentence, under "component:sentence". */
    static final class RecordsTasks implements Bolt {
        private static final long serialVersionUID = 1L;
        static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();
        private transient OutputCollector collector;
        private transient TopologyContext context;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.context = context;
        }

        @Override
        public void execute(Tuple tuple) {
            Integer earlier =
                    SEEN.putIfAbsent(context.getThisComponentId() + ":" + tuple.getLong(0), context.getThisTaskId());
            if (earlier != null) {
                throw new IllegalStateException("sentence " + tuple.getLong(0) + " arrived twice");
            }
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
