package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseBasicBolt;
import org.apache.heron.api.bolt.BasicOutputCollector;
import org.apache.heron.api.spout.BaseRichSpout;
import org.apache.heron.api.spout.SpoutOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.api.tuple.Values;

/**
 * Two named streams: numbers go to "odd" or "even"; every "odds" instance receives every odd number (all grouping),
 * one "evens" instance receives every even number (global grouping), and a basic bolt relays evens.
 */
public final class MultiStreamTopology {
    private MultiStreamTopology() {}

    /** Emits 0, 1, 2, ... up to the limit, odd numbers on "odd" and even ones on "even". */
    public static final class NumberSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;

        private final long limit;
        private transient SpoutOutputCollector collector;
        private transient long next;

        public NumberSpout(long limit) {
            this.limit = limit;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector spoutCollector) {
            collector = spoutCollector;
        }

        @Override
        public void nextTuple() {
            if (next >= limit) {
                return;
            }
            collector.emit(next % 2 == 0 ? "even" : "odd", new Values(next, "n" + next));
            next++;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("odd", new Fields("number", "label"));
            declarer.declareStream("even", new Fields("number", "label"));
        }
    }

    /** Relays a tuple's number on its default stream (a basic bolt: Heron acks for it). */
    public static final class RelayBolt extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(new Values(input.getLongByField("number")));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("number"));
        }
    }

    /** Counts what it receives under its component name and the source stream. */
    public static final class SinkBolt extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        private transient String prefix;
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            prefix = context.getThisComponentId();
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            Received.count(prefix + ":" + input.getSourceStreamId(), taskId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new NumberSpout(arguments.limit()), 1);
        builder.setBolt("odds", new SinkBolt(), 2).allGrouping("numbers", "odd");
        builder.setBolt("relay", new RelayBolt(), 2).shuffleGrouping("numbers", "even");
        builder.setBolt("evens", new SinkBolt(), 3).globalGrouping("relay");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
