package io.egret.heron.examples;

import java.util.Map;
import org.apache.heron.api.spout.BaseRichSpout;
import org.apache.heron.api.spout.SpoutOutputCollector;
import org.apache.heron.api.topology.OutputFieldsDeclarer;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Values;

/** Emits 0, 1, 2, ... up to limit-1 on its default stream (field "number"), then nothing. */
public final class CountingSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;

    private final long limit;
    private transient SpoutOutputCollector collector;
    private transient long next;

    public CountingSpout(long limit) {
        this.limit = limit;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector spoutCollector) {
        collector = spoutCollector;
    }

    @Override
    public void nextTuple() {
        if (next < limit) {
            collector.emit(new Values(next));
            next++;
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("number"));
    }
}
