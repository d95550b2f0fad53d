package io.egret.heron.examples;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseRichBolt;
import org.apache.heron.api.bolt.OutputCollector;
import org.apache.heron.api.hooks.BaseTaskHook;
import org.apache.heron.api.hooks.info.BoltAckInfo;
import org.apache.heron.api.hooks.info.BoltExecuteInfo;
import org.apache.heron.api.hooks.info.BoltFailInfo;
import org.apache.heron.api.hooks.info.EmitInfo;
import org.apache.heron.api.hooks.info.SpoutAckInfo;
import org.apache.heron.api.hooks.info.SpoutFailInfo;
import org.apache.heron.api.spout.BaseRichSpout;
import org.apache.heron.api.spout.SpoutOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Values;

/**
 * Heron task hooks, on the acking topology's shape: "numbers" emits 0 to limit-1 with message ids and replays
 * failures, "flaky" fails each multiple of 10 once, "sink" acks. Each adds a hook in {@code open} or
 * {@code prepare} that reports every event it sees as a tuple on a stream of its own, counted by a sink:
 * "spoutemits", "spoutacks", "spoutfails" (limit + limit/10, limit, limit/10) and "boltexecutes", "boltacks",
 * "boltfails" (limit + limit/10, limit, limit/10). A hook that reports before its {@code prepare} throws. Every
 * component also gets {@link AutoHook} through {@code topology.auto.task.hooks}.
 */
public final class HookedTopology {
    /** The hook's report streams. */
    static final String EMITS = "emits";

    static final String ACKS = "acks";
    static final String FAILS = "fails";
    static final String EXECUTES = "executes";

    private HookedTopology() {}

    /** Emits each number once, and again after it failed; its hook reports what it sees. */
    public static final class NumberSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;

        private final long limit;
        private transient SpoutOutputCollector collector;
        private transient long next;
        private transient Deque<Long> replay;

        public NumberSpout(long limit) {
            this.limit = limit;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector spoutCollector) {
            collector = spoutCollector;
            replay = new ArrayDeque<>();
            context.addTaskHook(new SpoutReport(spoutCollector));
        }

        @Override
        public void nextTuple() {
            Long number = replay.poll();
            if (number == null) {
                if (next >= limit) {
                    return;
                }
                number = next++;
            }
            collector.emit(new Values(number), number);
        }

        @Override
        public void fail(Object messageId) {
            replay.add((Long) messageId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("number"));
            declarer.declareStream(EMITS, new Fields("number"));
            declarer.declareStream(ACKS, new Fields("number"));
            declarer.declareStream(FAILS, new Fields("number"));
        }
    }

    /** Reports the spout's emits on the default stream, and its acks and fails. */
    static final class SpoutReport extends BaseTaskHook {
        private final SpoutOutputCollector collector;
        private boolean prepared;

        SpoutReport(SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            prepared = true;
        }

        @Override
        public void emit(EmitInfo info) {
            if (info.getStream().equals("default")) {
                report(EMITS, info.getValues().get(0));
            }
        }

        @Override
        public void spoutAck(SpoutAckInfo info) {
            report(ACKS, info.getMessageId());
        }

        @Override
        public void spoutFail(SpoutFailInfo info) {
            report(FAILS, info.getMessageId());
        }

        private void report(String stream, Object number) {
            if (!prepared) {
                throw new IllegalStateException("hook used before its prepare");
            }
            collector.emit(stream, new Values(number));
        }
    }

    /** Fails each multiple of 10 on first sight; passes everything else on, anchored; its hook reports. */
    public static final class FlakyBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;
        private transient Set<Long> seen;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            seen = new HashSet<>();
            context.addTaskHook(new BoltReport(outputCollector));
        }

        @Override
        public void execute(org.apache.heron.api.tuple.Tuple tuple) {
            long number = tuple.getLongByField("number");
            if (number % 10 == 0 && seen.add(number)) {
                collector.fail(tuple);
                return;
            }
            collector.emit(tuple, new Values(number));
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("number"));
            declarer.declareStream(EXECUTES, new Fields("number"));
            declarer.declareStream(ACKS, new Fields("number"));
            declarer.declareStream(FAILS, new Fields("number"));
        }
    }

    /** Reports the bolt's executes, acks and fails. */
    static final class BoltReport extends BaseTaskHook {
        private final OutputCollector collector;
        private boolean prepared;

        BoltReport(OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            prepared = true;
        }

        @Override
        public void boltExecute(BoltExecuteInfo info) {
            report(EXECUTES, info.getTuple().getValue(0));
        }

        @Override
        public void boltAck(BoltAckInfo info) {
            report(ACKS, info.getTuple().getValue(0));
        }

        @Override
        public void boltFail(BoltFailInfo info) {
            report(FAILS, info.getTuple().getValue(0));
        }

        private void report(String stream, Object number) {
            if (!prepared) {
                throw new IllegalStateException("hook used before its prepare");
            }
            collector.emit(stream, new Values(number));
        }
    }

    /** Named in {@code topology.auto.task.hooks}: counts prepares, cleanups and spout acks in {@link Received}. */
    public static final class AutoHook extends BaseTaskHook {
        private int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context) {
            taskId = context.getThisTaskId();
            Received.count("auto:prepare", taskId);
        }

        @Override
        public void cleanup() {
            Received.count("auto:cleanup", taskId);
        }

        @Override
        public void spoutAck(SpoutAckInfo info) {
            Received.count("auto:spoutAck", taskId);
        }
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new NumberSpout(arguments.limit()), 1);
        builder.setBolt("flaky", new FlakyBolt(), 2).fieldsGrouping("numbers", new Fields("number"));
        builder.setBolt("sink", new ReliableTopology.SinkBolt(), 2).shuffleGrouping("flaky");
        report(builder, "spoutemits", "numbers", EMITS);
        report(builder, "spoutacks", "numbers", ACKS);
        report(builder, "spoutfails", "numbers", FAILS);
        report(builder, "boltexecutes", "flaky", EXECUTES);
        report(builder, "boltacks", "flaky", ACKS);
        report(builder, "boltfails", "flaky", FAILS);
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        conf.setTopologyReliabilityMode(Config.TopologyReliabilityMode.ATLEAST_ONCE);
        conf.setAutoTaskHooks(List.of(AutoHook.class.getName()));
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }

    private static void report(TopologyBuilder builder, String sink, String source, String stream) {
        builder.setBolt(sink, new MultiStreamTopology.SinkBolt(), 1).shuffleGrouping(source, stream);
    }
}
