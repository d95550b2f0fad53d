package io.egret.heron.examples;

import java.util.HashMap;
import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseRichBolt;
import org.apache.heron.api.bolt.OutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.common.basics.ByteAmount;

/** Heron's word count shape: a word spout and a counting bolt, grouped by the word. */
public final class WordCountTopology {
    private WordCountTopology() {}

    /** Counts words per instance; every word must reach exactly one instance. */
    public static final class CountBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient Map<String, Long> counts;
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            counts = new HashMap<>();
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple tuple) {
            String word = tuple.getStringByField("word");
            counts.merge(word, 1L, Long::sum);
            Received.count("count:" + word, taskId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new WordSpout(arguments.limit()), 2);
        builder.setBolt("consumer", new CountBolt(), 3)
                .fieldsGrouping("word", new org.apache.heron.api.tuple.Fields("word"));
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        conf.setComponentRam("word", ByteAmount.fromMegabytes(192));
        conf.setComponentRam("consumer", ByteAmount.fromMegabytes(256));
        conf.setComponentCpu("consumer", 0.5);
        conf.put("wordcount.custom.setting", 42);
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
