package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseRichBolt;
import org.apache.heron.api.bolt.OutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Tuple;

/** A topology whose bolt cannot start: its {@code prepare} throws, as a bolt does whose database is unreachable. */
public final class BrokenTopology {
    private BrokenTopology() {}

    /** Fails in prepare. */
    public static final class UnreachableBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            throw new IllegalStateException("cannot reach database db.example:5432");
        }

        @Override
        public void execute(Tuple tuple) {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new WordSpout(arguments.limit()), 1);
        builder.setBolt("store", new UnreachableBolt(), 1).shuffleGrouping("word");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
