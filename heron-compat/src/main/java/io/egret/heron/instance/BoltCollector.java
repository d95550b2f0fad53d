package io.egret.heron.instance;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import org.apache.heron.api.bolt.IOutputCollector;
import org.apache.heron.api.tuple.Tuple;

/**
 * Heron's bolt collector onto Egret's. Anchors, acks and fails are accepted and have no effect: without acking,
 * Heron tracks no tuple trees either.
 */
final class BoltCollector implements IOutputCollector {
    private static final System.Logger LOGGER = System.getLogger(BoltCollector.class.getName());

    private final io.egret.api.OutputCollector egret;
    private final String component;

    BoltCollector(io.egret.api.OutputCollector egret, String component) {
        this.egret = egret;
        this.component = component;
    }

    @Override
    public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        egret.emit(streamId, tuple);
        // As Heron: the receiving task ids are not known when a tuple is emitted.
        return null;
    }

    @Override
    public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        throw new UnsupportedOperationException(
                "bolt '" + component + "' emits directly to a task; Egret does not route direct streams yet");
    }

    @Override
    public void ack(Tuple input) {}

    @Override
    public void fail(Tuple input) {}

    @Override
    public void reportError(Throwable error) {
        LOGGER.log(Level.WARNING, "bolt '" + component + "' reported an error", error);
    }
}
