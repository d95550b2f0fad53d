package io.egret.heron.examples;

import java.util.ArrayList;
import java.util.List;
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
import org.apache.heron.api.utils.TupleUtils;

/**
 * Tick tuples, set for the whole topology with {@code Config.setTickTupleFrequency} (one a second): "batcher" (two
 * tasks) holds the numbers it receives and sends them on "flushed" only when a tick arrives, with one tuple per tick
 * on "ticks". So sink "flushed" gets every number exactly once, and only if ticks arrive; sink "ticks" counts them.
 */
public final class TickTopology {
    /** The stream of the numbers a tick released. */
    public static final String FLUSHED = "flushed";

    /** The stream with one tuple per tick: how many numbers it released. */
    public static final String TICKS = "ticks";

    private TickTopology() {}

    /** Buffers numbers and flushes them on each tick. */
    public static final class Batcher extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;
        private transient List<Long> held;
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            held = new ArrayList<>();
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input) {
            if (TupleUtils.isTick(input)) {
                Received.count(TICKS, taskId);
                for (Long number : held) {
                    collector.emit(FLUSHED, new Values(number));
                }
                collector.emit(TICKS, new Values(held.size()));
                held.clear();
            } else {
                held.add(input.getLong(0));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream(FLUSHED, new Fields("number"));
            declarer.declareStream(TICKS, new Fields("released"));
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new CountingSpout(arguments.limit()), 1);
        builder.setBolt("batcher", new Batcher(), 2).shuffleGrouping("numbers");
        builder.setBolt(FLUSHED, new MultiStreamTopology.SinkBolt(), 1).shuffleGrouping("batcher", FLUSHED);
        builder.setBolt(TICKS, new MultiStreamTopology.SinkBolt(), 1).shuffleGrouping("batcher", TICKS);
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        Config.setTickTupleFrequency(conf, 1);
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
