package io.egret.benchmarks.runtime;

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
import io.egret.api.Values;
import io.egret.domain.topology.ReliabilityMode;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.EmbeddedTopology;
import io.egret.ports.out.ComponentStatistics;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cost of at-least-once: a reliable WordCount (the spout emits each sentence under a message id and replays
 * failures; split anchors each word and acks; count acks) in an {@link EmbeddedTopology}, the same code in
 * {@code ATMOST_ONCE} (message ids acked at once, nothing tracked) and {@code ATLEAST_ONCE} (every tree tracked).
 * Two units, reported separately: spout tuples per second (sentences emitted; in ATLEAST_ONCE also trees
 * completed) and executed tuples per second (split plus count). A plain main: run it through
 * {@code benchmarks/run-acking.sh}.
 *
 * <p>Arguments: {@code mode containers warmupSeconds measureSeconds maxSpoutPending}, defaults
 * {@code ATLEAST_ONCE 1 5 10 10000}; mode {@code SIDE_BY_SIDE} runs an ATMOST_ONCE and an ATLEAST_ONCE topology at
 * once and prints the ratio of their rates over the same window.
 */
public final class AckingThroughput {
    /** The mode argument that runs both modes at once. */
    private static final String SIDE_BY_SIDE = "SIDE_BY_SIDE";

    private AckingThroughput() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "ATLEAST_ONCE";
        int containers = argument(args, 1, 1);
        int warmupSeconds = argument(args, 2, 5);
        int measureSeconds = argument(args, 3, 10);
        int maxPending = argument(args, 4, 10_000);
        if (mode.equals(SIDE_BY_SIDE)) {
            sideBySide(containers, warmupSeconds, measureSeconds, maxPending);
            return;
        }
        ReliabilityMode reliability = ReliabilityMode.valueOf(mode);
        try (EmbeddedTopology topology = EmbeddedTopology.start(
                definition("acking-benchmark", reliability, containers, maxPending), containers)) {
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long[] start = totals(topology, containers);
            long startNanos = System.nanoTime();
            long startCpu = processCpuNanos();
            TimeUnit.SECONDS.sleep(measureSeconds);
            long[] end = totals(topology, containers);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%s; %,.0f spout tuples completed per CPU second (%.1f CPU s in %.1f s)%n",
                    describe(reliability, containers, maxPending, start, end, seconds),
                    (end[1] - start[1]) / cpuSeconds,
                    cpuSeconds,
                    seconds);
        }
    }

    /**
     * Both modes at once, in one JVM, measured over the same window: whatever else loads the machine weighs on both
     * alike, and the ratio of their rates is the ratio of their costs per tree (each runs the same threads).
     */
    private static void sideBySide(int containers, int warmupSeconds, int measureSeconds, int maxPending)
            throws Exception {
        try (EmbeddedTopology atMost = EmbeddedTopology.start(
                        definition("acking-atmost", ReliabilityMode.ATMOST_ONCE, containers, maxPending), containers);
                EmbeddedTopology atLeast = EmbeddedTopology.start(
                        definition("acking-atleast", ReliabilityMode.ATLEAST_ONCE, containers, maxPending),
                        containers)) {
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long[] mostStart = totals(atMost, containers);
            long[] leastStart = totals(atLeast, containers);
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(measureSeconds);
            long[] mostEnd = totals(atMost, containers);
            long[] leastEnd = totals(atLeast, containers);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "side by side: %s%n              %s%n              ATLEAST/ATMOST completed spout tuples: %.2f%n",
                    describe(ReliabilityMode.ATMOST_ONCE, containers, maxPending, mostStart, mostEnd, seconds),
                    describe(ReliabilityMode.ATLEAST_ONCE, containers, maxPending, leastStart, leastEnd, seconds),
                    (double) (leastEnd[1] - leastStart[1]) / (mostEnd[1] - mostStart[1]));
        }
    }

    private static TopologyDefinition definition(String name, ReliabilityMode mode, int containers, int maxPending) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new ReliableSentences(), containers);
        builder.setBolt("split", new AnchoringSplit(), containers).shuffleGrouping("sentence");
        builder.setBolt("count", new AckingCount(), containers).fieldsGrouping("split", new Fields("word"));
        Config config = new Config()
                .setNumStmgrs(containers)
                .setTopologyReliabilityMode(mode)
                .setMaxSpoutPending(maxPending);
        return builder.createTopology().toDefinition(name, config);
    }

    private static String describe(
            ReliabilityMode mode, int containers, int maxPending, long[] start, long[] end, double seconds) {
        return String.format(
                Locale.ROOT,
                "%s containers=%d max.spout.pending=%d: %,.0f spout tuples/s emitted, %,.0f spout tuples/s"
                        + " completed (acked), %,.0f executed tuples/s (split+count); failed %d in the window",
                mode,
                containers,
                maxPending,
                (end[0] - start[0]) / seconds,
                (end[1] - start[1]) / seconds,
                (end[2] - start[2]) / seconds,
                end[3] - start[3]);
    }

    /**
     * CPU time of this process (every thread of every container): on a shared machine the wall-clock rate follows
     * the share of the cores the benchmark got, the rate per CPU second much less so.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Spout emits, spout acks, bolt executions (split plus count) and spout fails, summed over containers. */
    private static long[] totals(EmbeddedTopology topology, int containers) {
        long[] totals = new long[4];
        for (int container = 1; container <= containers; container++) {
            Map<String, ComponentStatistics> counters = topology.counters(container);
            ComponentStatistics sentence = counters.get("sentence");
            if (sentence != null) {
                totals[0] += sentence.emitted();
                totals[1] += sentence.acked();
                totals[3] += sentence.failed();
            }
            for (String bolt : new String[] {"split", "count"}) {
                ComponentStatistics statistics = counters.get(bolt);
                totals[2] += statistics == null ? 0 : statistics.executed();
            }
        }
        return totals;
    }

    private static int argument(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }

    /** Sentence number n is sentence n mod 5, emitted under message id n; a failed one is emitted again. */
    static final class ReliableSentences implements Spout {
        private static final long serialVersionUID = 1L;
        private static final String[] SENTENCES = {
            "the cow jumped over the moon",
            "an apple a day keeps the doctor away",
            "four score and seven years ago",
            "snow white and the seven dwarfs",
            "i am at two with nature"
        };

        private transient SpoutOutputCollector collector;
        private transient ArrayDeque<Long> replays;
        private transient long next;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.replays = new ArrayDeque<>();
        }

        @Override
        public void nextTuple() {
            Long replay = replays.poll();
            long id = replay == null ? next++ : replay;
            collector.emit(new Values(SENTENCES[(int) (id % SENTENCES.length)]), id);
        }

        @Override
        public void fail(Object messageId) {
            replays.add((Long) messageId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits on spaces, anchoring each word to the sentence, then acks it. */
    static final class AnchoringSplit implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            String sentence = tuple.getString(0);
            int start = 0;
            for (int index = 0; index <= sentence.length(); index++) {
                if (index == sentence.length() || sentence.charAt(index) == ' ') {
                    if (index > start) {
                        collector.emit(tuple, new Values(sentence.substring(start, index)));
                    }
                    start = index + 1;
                }
            }
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words and acks each. */
    static final class AckingCount implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient Map<String, Long> counts;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.counts = new HashMap<>();
        }

        @Override
        public void execute(Tuple tuple) {
            counts.merge(tuple.getString(0), 1L, Long::sum);
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
