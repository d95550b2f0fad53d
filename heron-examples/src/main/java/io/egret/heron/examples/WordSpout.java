package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.spout.BaseRichSpout;
import org.apache.heron.api.spout.SpoutOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Values;

/** Emits the words of {@link #WORDS} in turn, {@code limit} tuples per instance, each with a message id. */
public final class WordSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;

    /** The words, in the order each instance emits them. */
    public static final String[] WORDS = {"nathan", "mike", "jackson", "golda", "bertels"};

    private final long limit;
    private transient SpoutOutputCollector collector;
    private transient long emitted;
    private transient long acked;

    public WordSpout(long limit) {
        this.limit = limit;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector spoutCollector) {
        this.collector = spoutCollector;
    }

    @Override
    public void nextTuple() {
        if (emitted >= limit) {
            return;
        }
        collector.emit(new Values(WORDS[(int) (emitted % WORDS.length)]), emitted);
        emitted++;
    }

    @Override
    public void ack(Object messageId) {
        acked++;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("word"));
    }
}
