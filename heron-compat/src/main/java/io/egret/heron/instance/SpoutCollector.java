package io.egret.heron.instance;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.apache.heron.api.spout.ISpout;
import org.apache.heron.api.spout.ISpoutOutputCollector;

/**
 * Heron's spout collector onto Egret's. Without acking, Heron acks a tuple emitted with a message id as soon as
 * {@code nextTuple} returns; so does this collector, on the spout's thread.
 */
final class SpoutCollector implements ISpoutOutputCollector {
    private static final System.Logger LOGGER = System.getLogger(SpoutCollector.class.getName());

    private final io.egret.api.SpoutOutputCollector egret;
    private final String component;
    private final List<Object> immediateAcks = new ArrayList<>();

    SpoutCollector(io.egret.api.SpoutOutputCollector egret, String component) {
        this.egret = egret;
        this.component = component;
    }

    @Override
    public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
        egret.emit(streamId, tuple);
        if (messageId != null) {
            immediateAcks.add(messageId);
        }
        // As Heron: the receiving task ids are not known when a tuple is emitted.
        return null;
    }

    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
        throw new UnsupportedOperationException(
                "spout '" + component + "' emits directly to a task; Egret does not route direct streams yet");
    }

    @Override
    public void reportError(Throwable error) {
        LOGGER.log(Level.WARNING, "spout '" + component + "' reported an error", error);
    }

    /** Acks every message emitted since the last call; their tuples are as done as they will ever be. */
    void ackEmitted(ISpout spout) {
        if (immediateAcks.isEmpty()) {
            return;
        }
        List<Object> acks = List.copyOf(immediateAcks);
        immediateAcks.clear();
        for (Object messageId : acks) {
            spout.ack(messageId);
        }
    }
}
