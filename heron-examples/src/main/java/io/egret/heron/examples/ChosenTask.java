package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.bolt.BaseBasicBolt;
import org.apache.heron.api.bolt.BasicOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.api.tuple.Values;

/**
 * The task a number is meant for, among a bolt's {@link #TASKS} tasks, for the routing topologies (custom and direct
 * groupings): a multiple of 5 to task index 0, a remainder of 1 or 2 to index 1, of 3 or 4 to index 2. So of the
 * numbers 0 to 999, 200 go to the first task and 400 to each of the others.
 */
public final class ChosenTask {
    /** The parallelism of the bolt the numbers are routed to. */
    public static final int TASKS = 3;

    /** The stream a {@link Relay} uses for a number that reached a task it was not meant for. */
    public static final String MISROUTED = "misrouted";

    private ChosenTask() {}

    /** The index (in the bolt's task list, lowest task id first) of the task meant for this number. */
    public static int index(long number) {
        int remainder = (int) (number % 5);
        return remainder == 0 ? 0 : remainder <= 2 ? 1 : 2;
    }

    /** The stream on which the task with this index relays the numbers meant for it. */
    public static String stream(int taskIndex) {
        return "task" + taskIndex;
    }

    /**
     * Receives the routed numbers and relays each on the stream of its own task index when it was meant for this
     * task, else on {@link #MISROUTED}: one sink per stream then shows, in {@code heron status}, what each task got.
     */
    public static final class Relay extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        private transient int taskIndex;
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            taskIndex = context.getThisTaskIndex();
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            long number = input.getLong(0);
            String stream = index(number) == taskIndex ? stream(taskIndex) : MISROUTED;
            Received.count(stream, taskId);
            collector.emit(stream, new Values(number));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            for (int index = 0; index < TASKS; index++) {
                declarer.declareStream(stream(index), new Fields("number"));
            }
            declarer.declareStream(MISROUTED, new Fields("number"));
        }
    }
}
