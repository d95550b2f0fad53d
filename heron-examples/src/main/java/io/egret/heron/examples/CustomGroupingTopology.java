package io.egret.heron.examples;

import java.util.List;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.grouping.CustomStreamGrouping;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;

/**
 * A custom grouping that routes by value: "chosen" (three tasks) gets each number at the task
 * {@link ChosenTask#index} names, through {@link ByValue}; sinks "at0", "at1", "at2" count what each task got and
 * "misrouted" what reached a task it was not meant for.
 */
public final class CustomGroupingTopology {
    private CustomGroupingTopology() {}

    /** Sends each number to the target task {@link ChosenTask#index} names. */
    public static final class ByValue implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;

        private transient List<Integer> targets;

        @Override
        public void prepare(TopologyContext context, String component, String streamId, List<Integer> targetTasks) {
            targets = List.copyOf(targetTasks);
        }

        @Override
        public List<Integer> chooseTasks(List<Object> values) {
            return List.of(targets.get(ChosenTask.index((Long) values.get(0))));
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new CountingSpout(arguments.limit()), 1);
        builder.setBolt("chosen", new ChosenTask.Relay(), ChosenTask.TASKS).customGrouping("numbers", new ByValue());
        sinks(builder, "chosen");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }

    /** "at0", "at1", ... on each task's stream of the relay, and "misrouted". */
    static void sinks(TopologyBuilder builder, String relay) {
        for (int index = 0; index < ChosenTask.TASKS; index++) {
            builder.setBolt("at" + index, new MultiStreamTopology.SinkBolt(), 1)
                    .shuffleGrouping(relay, ChosenTask.stream(index));
        }
        builder.setBolt(ChosenTask.MISROUTED, new MultiStreamTopology.SinkBolt(), 1)
                .shuffleGrouping(relay, ChosenTask.MISROUTED);
    }
}
