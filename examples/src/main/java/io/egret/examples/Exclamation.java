package io.egret.examples;

import io.egret.api.Bolt;
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
import java.util.Map;

/**
 * Heron's classic first topology: a word spout and two bolts in a row, each appending {@code "!!!"}.
 *
 * <p>Arguments: {@code [topology-name [containers]]}, defaults {@code exclamation 1}.
 */
public final class Exclamation {
    private Exclamation() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "exclamation";
        int containers = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        TopologySubmitter.submitTopology(name, new Config().setNumStmgrs(containers), topology());
    }

    /** word (2) → exclaim1 (2) → exclaim2 (2), shuffle grouped. */
    public static Topology topology() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new WordSpout(), 2);
        builder.setBolt("exclaim1", new ExclamationBolt(), 2).shuffleGrouping("word");
        builder.setBolt("exclaim2", new ExclamationBolt(), 2).shuffleGrouping("exclaim1");
        return builder.createTopology();
    }

    /** Emits names from a fixed list. */
    public static final class WordSpout implements Spout {
        private static final long serialVersionUID = 1L;
        private static final String[] WORDS = {"nathan", "mike", "jackson", "golda", "bertels"};

        private transient SpoutOutputCollector collector;
        private transient int next;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            collector.emit(new Values(WORDS[next]));
            next = (next + 1) % WORDS.length;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Appends {@code "!!!"} to the word it receives. */
    public static final class ExclamationBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            collector.emit(new Values(tuple.getString(0) + "!!!"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }
}
