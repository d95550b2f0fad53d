package io.egret.heron.examples;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.heron.api.Config;
import org.apache.heron.api.HeronSubmitter;
import org.apache.heron.api.bolt.BaseRichBolt;
import org.apache.heron.api.bolt.OutputCollector;
import org.apache.heron.api.spout.BaseRichSpout;
import org.apache.heron.api.spout.SpoutOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyBuilder;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Tuple;
import org.apache.heron.api.tuple.Values;

/**
 * At-least-once with failures and replays: the spout emits the numbers 0 to limit-1 with message ids and emits a
 * failed one again; "flaky" fails every multiple of 10 the first time it sees it and otherwise passes the number
 * on anchored; "sink" acks. So "numbers" emits limit + limit/10 tuples, "flaky" executes as many, "sink" executes
 * limit, and the spout sees limit acks.
 */
public final class ReliableTopology {
    private ReliableTopology() {}

    /** Emits each number once, and again after it failed. */
    public static final class NumberSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;

        private final long limit;
        private transient SpoutOutputCollector collector;
        private transient long next;
        private transient Deque<Long> replay;
        private transient int taskId;

        public NumberSpout(long limit) {
            this.limit = limit;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector spoutCollector) {
            collector = spoutCollector;
            replay = new ArrayDeque<>();
            taskId = context.getThisTaskId();
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
        public void ack(Object messageId) {
            Received.count("acked", taskId);
        }

        @Override
        public void fail(Object messageId) {
            Received.count("failed", taskId);
            replay.add((Long) messageId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("number"));
        }
    }

    /** Fails each multiple of 10 on first sight; passes everything else on, anchored. */
    public static final class FlakyBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;
        private transient Set<Long> seen;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            seen = new HashSet<>();
        }

        @Override
        public void execute(Tuple tuple) {
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
        }
    }

    /** Acks what it receives and counts it. */
    public static final class SinkBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector outputCollector) {
            collector = outputCollector;
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple tuple) {
            Received.count("sink", taskId);
            collector.ack(tuple);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    public static void main(String[] args) throws Exception {
        Arguments arguments = Arguments.parse(args);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new NumberSpout(arguments.limit()), 1);
        builder.setBolt("flaky", new FlakyBolt(), 2).fieldsGrouping("numbers", new Fields("number"));
        builder.setBolt("sink", new SinkBolt(), 2).shuffleGrouping("flaky");
        Config conf = new Config();
        conf.setNumStmgrs(arguments.containers());
        conf.setTopologyReliabilityMode(Config.TopologyReliabilityMode.ATLEAST_ONCE);
        conf.setMessageTimeoutSecs(30);
        conf.setMaxSpoutPending(200);
        HeronSubmitter.submitTopology(arguments.name(), conf, builder.createTopology());
    }
}
