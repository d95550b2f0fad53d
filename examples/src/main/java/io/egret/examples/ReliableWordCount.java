package io.egret.examples;

import io.egret.api.Bolt;
import io.egret.api.ByteAmount;
import io.egret.api.Config;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.Topology;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.TopologySubmitter;
import io.egret.api.Tuple;
import io.egret.api.Values;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Word count at least once, on a finite input: {@code lines} emits lines 0..n-1 (each of {@link #WORDS} words)
 * under their number as message id, at a steady pace, and emits a line again when it fails; {@code split} emits
 * each word anchored to its line and acks the line; {@code record} acks each word after recording it. With a
 * results directory, {@code record} appends {@code line:word} per tuple to {@code record-TASK.txt} (unbuffered, so
 * what was recorded survives a killed process; a replay may record a word again) and the spout rewrites
 * {@code lines-TASK.txt} with its progress: {@code acked} (distinct lines), {@code failed}, {@code emitted} (first
 * emits) and {@code pid}.
 *
 * <p>Arguments: {@code [topology-name [containers [lines [lines-per-second [results-directory [mode]]]]]]},
 * defaults {@code reliable-word-count 2 10000 1000}, no results directory ({@code -} for none) and
 * {@code ATLEAST_ONCE}; {@code ATMOST_ONCE} runs the same topology untracked, for benchmarks.
 */
public final class ReliableWordCount {
    /** Words per line. */
    public static final int WORDS = 4;

    private ReliableWordCount() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "reliable-word-count";
        int containers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int lines = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int perSecond = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
        String results = args.length > 4 && !args[4].equals("-")
                ? Path.of(args[4]).toAbsolutePath().toString()
                : "";
        String mode = args.length > 5 ? args[5] : "ATLEAST_ONCE";
        TopologySubmitter.submitTopology(name, config(containers, mode), topology(lines, perSecond, results));
    }

    /**
     * One spout, two instances of each bolt.
     *
     * @param results where to record, or empty for nowhere
     */
    public static Topology topology(int lines, int perSecond, String results) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("lines", new NumberedLines(lines, perSecond, results), 1);
        builder.setBolt("split", new AnchoredSplit(), 2).shuffleGrouping("lines");
        builder.setBolt("record", new Recorder(results), 2).fieldsGrouping("split", new Fields("word"));
        return builder.createTopology();
    }

    /**
     * {@code topology.reliability.mode: ATLEAST_ONCE}, trees that do not complete in 10 seconds fail, at most 500
     * lines in flight.
     */
    public static Config config(int containers) {
        return config(containers, "ATLEAST_ONCE");
    }

    /** The same with another {@code topology.reliability.mode}. */
    public static Config config(int containers, String mode) {
        // Heron's key and value, as a topology author writes them; ATMOST_ONCE is the default.
        Config config = new Config()
                .setNumStmgrs(containers)
                .put("topology.reliability.mode", mode)
                .setMessageTimeoutSecs(10)
                .setMaxSpoutPending(500);
        for (String component : new String[] {"lines", "split", "record"}) {
            config.setComponentRam(component, ByteAmount.fromMegabytes(128));
            config.setComponentCpu(component, 0.5);
        }
        return config;
    }

    /** Lines 0..n-1, first emits paced to {@code perSecond}; failed lines come again at once. */
    public static final class NumberedLines implements Spout {
        private static final long serialVersionUID = 1L;
        private static final long REPORT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

        private final int lines;
        private final int perSecond;
        private final String results;
        private transient SpoutOutputCollector collector;
        private transient ArrayDeque<Long> replays;
        private transient BitSet acked;
        private transient long next;
        private transient long failed;
        private transient long startedAt;
        private transient long reportedAt;
        private transient Path report;

        public NumberedLines(int lines, int perSecond, String results) {
            this.lines = lines;
            this.perSecond = perSecond;
            this.results = results;
        }

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.replays = new ArrayDeque<>();
            this.acked = new BitSet(lines);
            this.startedAt = System.nanoTime();
            this.report = results.isEmpty() ? null : Path.of(results, "lines-" + context.getThisTaskId() + ".txt");
        }

        @Override
        public void nextTuple() {
            Long line = replays.poll();
            if (line == null && next < lines && next < allowedSoFar()) {
                line = next++;
            }
            if (line != null) {
                StringBuilder text = new StringBuilder();
                for (int word = 0; word < WORDS; word++) {
                    text.append(word == 0 ? "" : " ").append("word").append((line + word) % 97);
                }
                collector.emit(new Values(line, text.toString()), line);
            }
            report(false);
        }

        private long allowedSoFar() {
            return (System.nanoTime() - startedAt) * perSecond / TimeUnit.SECONDS.toNanos(1) + 1;
        }

        @Override
        public void ack(Object messageId) {
            acked.set(Math.toIntExact((Long) messageId));
        }

        @Override
        public void fail(Object messageId) {
            failed++;
            replays.add((Long) messageId);
        }

        @Override
        public void deactivate() {
            report(true);
        }

        @Override
        public void close() {
            report(true);
        }

        private void report(boolean now) {
            long time = System.nanoTime();
            if (report == null || (!now && time - reportedAt < REPORT_NANOS)) {
                return;
            }
            reportedAt = time;
            String text = "acked=" + acked.cardinality() + " failed=" + failed + " emitted=" + next + " pid="
                    + ProcessHandle.current().pid() + "\n";
            try {
                Path temporary = report.resolveSibling(report.getFileName() + ".tmp");
                Files.writeString(temporary, text);
                Files.move(temporary, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("line", "text"));
        }
    }

    /** One tuple per word, anchored to the line; then acks the line. */
    public static final class AnchoredSplit implements Bolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            String[] words = tuple.getString(1).split(" ");
            for (int index = 0; index < words.length; index++) {
                collector.emit(tuple, new Values(tuple.getLong(0), (long) index, words[index]));
            }
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("line", "index", "word"));
        }
    }

    /** Records {@code line:index} of each word (when given a directory), then acks it. */
    public static final class Recorder implements Bolt {
        private static final long serialVersionUID = 1L;
        private final String results;
        private transient OutputCollector collector;
        private transient FileOutputStream file;

        public Recorder(String results) {
            this.results = results;
        }

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            if (!results.isEmpty()) {
                try {
                    this.file = new FileOutputStream(
                            Path.of(results, "record-" + context.getThisTaskId() + ".txt")
                                    .toFile(),
                            true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void execute(Tuple tuple) {
            if (file != null) {
                try {
                    // One write per line: a killed process leaves whole lines behind.
                    file.write((tuple.getLong(0) + ":" + tuple.getLong(1) + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            collector.ack(tuple);
        }

        @Override
        public void cleanup() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    // Every line was written already; closing only releases the descriptor.
                }
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
