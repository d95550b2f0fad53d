package io.egret.heron.examples;

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

/**
 * A direct grouping: "director" (two tasks, shuffled numbers) sends each number with {@code emitDirect} on its
 * direct stream "routed" to the task of "chosen" that {@link ChosenTask#index} names; sinks "at0", "at1", "at2"
 * count what each task got and "misrouted" what reached a task it was not meant for.
 */
public final class DirectGroupingTopology {
    /** The director's direct stream. */
    public static final String ROUTED = "routed";

    private DirectGroupingTopology() {}

    /** Picks the receiving task itself, from the tasks of "chosen". */
    public static final class Director extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;
        private transient List<Integer> tasks;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            tasks = context.getComponentTasks("chosen");
        }

        @Override
        public void execute(Tuple input) {
            long number = input.getLong(0);
            collector.emitDirect(tasks.get(ChosenTask.index(number)), ROUTED, input, new Values(number));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream(ROUTED, true, new Fields("number"));
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new CountingSpout(arguments.limit()), 1);
        builder.setBolt("director", new Director(), 2).shuffleGrouping("numbers");
        builder.setBolt("chosen", new ChosenTask.Relay(), ChosenTask.TASKS).directGrouping("director", ROUTED);
        CustomGroupingTopology.sinks(builder, "chosen");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
