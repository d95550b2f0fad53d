package io.egret.heron.examples;

import java.util.List;
import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseBasicBolt;
import org.apache.heron.api.bolt.BasicOutputCollector;
import org.apache.heron.api.grouping.CustomStreamGrouping;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.api.utils.TupleUtils;

/**
 * A custom grouping and tick tuples: even numbers reach "halves" through a grouping that sends n to its first task
 * when n/2 is even and to its second when n/2 is odd; "ticker" takes the odd numbers and gets a tick tuple every
 * second, counting both apart.
 */
public final class RoutingTopology {
    private RoutingTopology() {}

    /** n to the first target task when n/2 is even, else to the second. */
    public static final class HalvesGrouping implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;

        private transient List<Integer> targets;

        @Override
        public void prepare(TopologyContext context, String component, String streamId, List<Integer> targetTasks) {
            targets = List.copyOf(targetTasks);
        }

        @Override
        public List<Integer> chooseTasks(List<Object> values) {
            long number = (Long) values.get(0);
            return List.of(targets.get((int) (number / 2 % 2)));
        }
    }

    /** Counts numbers by the parity of n/2, per task. */
    public static final class HalvesBolt extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            Received.count("half" + input.getLong(0) / 2 % 2, taskId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    /** Counts tick tuples apart from data tuples. */
    public static final class TickerBolt extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            Received.count(TupleUtils.isTick(input) ? "tick" : "data", taskId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new MultiStreamTopology.NumberSpout(arguments.limit()), 1);
        builder.setBolt("halves", new HalvesBolt(), 2).customGrouping("numbers", "even", new HalvesGrouping());
        builder.setBolt("ticker", new TickerBolt(), 1)
                .shuffleGrouping("numbers", "odd")
                .addConfiguration(Config.TOPOLOGY_TICK_TUPLE_FREQ_MS, 1000);
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
