package io.egret.heron.instance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.heron.api.bolt.IOutputCollector;
import org.apache.heron.api.tuple.Tuple;

/**
 * Heron's bolt collector onto Egret's: anchors, acks and fails name the Egret tuples the bolt received, so tuple
 * trees are tracked in {@code ATLEAST_ONCE} mode and cost nothing otherwise, as in Heron.
 */
final class BoltCollector implements IOutputCollector {
    private final io.egret.api.OutputCollector egret;
    private final String component;
    private final TaskHooks hooks;

    BoltCollector(io.egret.api.OutputCollector egret, String component, TaskHooks hooks) {
        this.egret = egret;
        this.component = component;
        this.hooks = hooks;
    }

    @Override
    public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        egret.emit(streamId, egretTuples(anchors), tuple);
        hooks.emitted(streamId, tuple, null);
        // As Heron: the receiving task ids are not known when a tuple is emitted.
        return null;
    }

    @Override
    public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        egret.emitDirect(taskId, streamId, egretTuples(anchors), tuple);
        hooks.emitted(streamId, tuple, null);
    }

    @Override
    public void ack(Tuple input) {
        egret.ack(egretTuple(input));
        hooks.boltAcked(input);
    }

    @Override
    public void fail(Tuple input) {
        egret.fail(egretTuple(input));
        hooks.boltFailed(input);
    }

    @Override
    public void reportError(Throwable error) {
        egret.reportError(error);
    }

    private List<io.egret.api.Tuple> egretTuples(Collection<Tuple> anchors) {
        if (anchors == null || anchors.isEmpty()) {
            return List.of();
        }
        List<io.egret.api.Tuple> tuples = new ArrayList<>(anchors.size());
        for (Tuple anchor : anchors) {
            tuples.add(egretTuple(anchor));
        }
        return tuples;
    }

    private io.egret.api.Tuple egretTuple(Tuple tuple) {
        if (tuple instanceof HeronTuple received) {
            return received.egret();
        }
        throw new IllegalArgumentException("bolt '" + component + "' anchors, acks or fails a tuple it did not"
                + " receive (" + (tuple == null ? "null" : tuple.getClass().getName()) + ")");
    }
}
