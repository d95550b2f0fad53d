package io.egret.executor;

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
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A finite, deterministic topology whose results are files, so that a test can check them after containers in
 * other processes died: {@code sentence} emits sentences 0..n-1 of {@link #WORDS} words each, under their number as
 * message id, and replays what fails; {@code split} emits one tuple per word, anchored, and acks; {@code sink}
 * appends {@code sentence:word} per tuple to its own file before acking it (so a tuple recorded may be recorded
 * again after a crash, but a tuple acked was recorded). The spout writes its progress to {@code spout-TASK.txt}.
 */
final class ReliableWords {
    static final int WORDS = 5;

    private ReliableWords() {}

    /**
     * @param sinkDelayMillis time the sink takes per tuple (a slow bolt), 0 for none
     */
    static TopologyDefinition topology(String name, Path results, int sentences, int sinkDelayMillis, Config config) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new FiniteSentences(sentences, results.toString()), 1);
        builder.setBolt("split", new AnchoringSplit(), 2).shuffleGrouping("sentence");
        builder.setBolt("sink", new RecordingSink(results.toString(), sinkDelayMillis), 2)
                .fieldsGrouping("split", new Fields("sentence"));
        return builder.createTopology().toDefinition(name, config);
    }

    static Config atLeastOnce(int containers) {
        return new Config().setNumStmgrs(containers).setTopologyReliabilityMode(ReliabilityMode.ATLEAST_ONCE);
    }

    /** The spout's last report: key=value pairs of {@code spout-TASK.txt}, empty before the first. */
    static Map<String, Long> spoutReport(Path results) {
        Map<String, Long> report = new HashMap<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("spout-"))
                    .toList()) {
                for (String pair : Files.readString(file).strip().split(" ")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        report.merge(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)), Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return report;
    }

    /** Every line the sinks recorded, in no particular order. */
    static List<String> sinkLines(Path results) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            List<Path> sinks = files.filter(
                            path -> path.getFileName().toString().startsWith("sink-"))
                    .toList();
            List<String> lines = new java.util.ArrayList<>();
            for (Path sink : sinks) {
                lines.addAll(Files.readAllLines(sink, StandardCharsets.UTF_8));
            }
            return lines;
        }
    }

    /** Emits each sentence once under its number, replays failed ones, and reports acked, failed, max pending. */
    static final class FiniteSentences implements Spout {
        private static final long serialVersionUID = 1L;
        private static final long REPORT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        private final int sentences;
        private final String results;
        private transient SpoutOutputCollector collector;
        private transient ArrayDeque<Long> replays;
        private transient Set<Long> done;
        private transient long next;
        private transient long pending;
        private transient long maxPending;
        private transient long failed;
        private transient Path report;
        private transient long lastReport;

        FiniteSentences(int sentences, String results) {
            this.sentences = sentences;
            this.results = results;
        }

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.replays = new ArrayDeque<>();
            this.done = new HashSet<>();
            this.report = Path.of(results, "spout-" + context.getThisTaskId() + ".txt");
        }

        @Override
        public void nextTuple() {
            Long id = replays.poll();
            if (id == null && next < sentences) {
                id = next++;
            }
            if (id != null) {
                StringBuilder sentence = new StringBuilder();
                for (int word = 0; word < WORDS; word++) {
                    sentence.append(word == 0 ? "" : " ").append("w").append(word);
                }
                pending++;
                maxPending = Math.max(maxPending, pending);
                collector.emit(new Values(id, sentence.toString()), id);
            }
            reportNowAndThen(false);
        }

        @Override
        public void ack(Object messageId) {
            pending--;
            done.add((Long) messageId);
        }

        @Override
        public void fail(Object messageId) {
            pending--;
            failed++;
            replays.add((Long) messageId);
        }

        @Override
        public void deactivate() {
            reportNowAndThen(true);
        }

        @Override
        public void close() {
            reportNowAndThen(true);
        }

        private void reportNowAndThen(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastReport < REPORT_NANOS) {
                return;
            }
            lastReport = now;
            String line = "acked=" + done.size() + " failed=" + failed + " maxPending=" + maxPending + " emittedFirst="
                    + next + "\n";
            try {
                Path temporary = report.resolveSibling(report.getFileName() + ".tmp");
                Files.writeString(temporary, line);
                Files.move(temporary, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence", "text"));
        }
    }

    /** One tuple per word, anchored to the sentence, which is then acked. */
    static final class AnchoringSplit implements Bolt {
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
            declarer.declare(new Fields("sentence", "index", "word"));
        }
    }

    /** Appends {@code sentence:index} to its file (unbuffered, so a killed process keeps it), then acks. */
    static final class RecordingSink implements Bolt {
        private static final long serialVersionUID = 1L;
        private final String results;
        private final int delayMillis;
        private transient OutputCollector collector;
        private transient FileOutputStream file;

        RecordingSink(String results, int delayMillis) {
            this.results = results;
            this.delayMillis = delayMillis;
        }

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            try {
                this.file = new FileOutputStream(
                        Path.of(results, "sink-" + context.getThisTaskId() + ".txt")
                                .toFile(),
                        true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void execute(Tuple tuple) {
            if (delayMillis > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                file.write((tuple.getLong(0) + ":" + tuple.getLong(1) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            collector.ack(tuple);
        }

        @Override
        public void cleanup() {
            try {
                file.close();
            } catch (IOException e) {
                // The lines are written already; closing releases the descriptor only.
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
