package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseRichBolt;
import org.apache.heron.api.bolt.OutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.api.tuple.Values;

/** Heron's exclamation shape: words through two bolts that each append "!!!", shuffled. */
public final class ExclamationTopology {
    private ExclamationTopology() {}

    /** Appends "!!!", anchored on its input, and acks it; the last one counts what it made. */
    public static final class ExclamationBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private final boolean last;
        private transient OutputCollector collector;
        private transient int taskId;

        public ExclamationBolt(boolean last) {
            this.last = last;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple tuple) {
            String exclaimed = tuple.getString(0) + "!!!";
            if (last) {
                Received.count("exclaim:" + exclaimed, taskId);
            } else {
                collector.emit(tuple, new Values(exclaimed));
            }
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new WordSpout(arguments.limit()), 2);
        builder.setBolt("exclaim1", new ExclamationBolt(false), 2).shuffleGrouping("word");
        builder.setBolt("exclaim2", new ExclamationBolt(true), 2).shuffleGrouping("exclaim1");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
