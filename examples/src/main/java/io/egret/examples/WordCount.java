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
import java.util.HashMap;
import java.util.Map;

/**
 * Counts words: a spout emits sentences, a split bolt emits their words, and a count bolt counts each word; the
 * fields grouping on {@code word} sends every occurrence of a word to the same counter.
 *
 * <p>Arguments: {@code [topology-name [containers [parallelism]]]}, defaults {@code word-count 1 1}.
 */
public final class WordCount {
    private WordCount() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "word-count";
        int containers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        TopologySubmitter.submitTopology(name, config(containers), topology(parallelism));
    }

    /** The topology with {@code parallelism} instances of each component. */
    public static Topology topology(int parallelism) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new SentenceSpout(), parallelism);
        builder.setBolt("split", new SplitBolt(), parallelism).shuffleGrouping("sentence");
        builder.setBolt("count", new CountBolt(), parallelism).fieldsGrouping("split", new Fields("word"));
        return builder.createTopology();
    }

    /** The config: {@code containers} containers, modest resources per instance. */
    public static Config config(int containers) {
        Config config = new Config().setNumStmgrs(containers);
        for (String component : new String[] {"sentence", "split", "count"}) {
            config.setComponentRam(component, ByteAmount.fromMegabytes(256));
            config.setComponentCpu(component, 0.5);
        }
        return config;
    }

    /** Emits sentences from a fixed list, round robin, so that a run is cheap and reproducible. */
    public static final class SentenceSpout implements Spout {
        private static final long serialVersionUID = 1L;
        private static final String[] SENTENCES = {
            "the cow jumped over the moon",
            "an apple a day keeps the doctor away",
            "four score and seven years ago",
            "snow white and the seven dwarfs",
            "i am at two with nature"
        };

        private transient SpoutOutputCollector collector;
        private transient int next;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.next = context.getThisTaskIndex() % SENTENCES.length;
        }

        @Override
        public void nextTuple() {
            collector.emit(new Values(SENTENCES[next]));
            next = next + 1 == SENTENCES.length ? 0 : next + 1;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits a sentence into words on spaces. */
    public static final class SplitBolt implements Bolt {
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
            // A hand-written split: this bolt is the hot path of the runtime benchmark.
            for (int index = 0; index <= sentence.length(); index++) {
                if (index == sentence.length() || sentence.charAt(index) == ' ') {
                    if (index > start) {
                        collector.emit(new Values(sentence.substring(start, index)));
                    }
                    start = index + 1;
                }
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words; a sink, so it declares no output. */
    public static final class CountBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        private transient Map<String, Long> counts;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.counts = new HashMap<>();
        }

        @Override
        public void execute(Tuple tuple) {
            counts.merge(tuple.getString(0), 1L, Long::sum);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
