package io.egret.heron.instance;

import java.util.List;
import org.apache.heron.api.spout.ISpoutOutputCollector;

/**
 * Heron's spout collector onto Egret's. A message id is Egret's too: tracked in {@code ATLEAST_ONCE} mode (the
 * spout's {@code ack} or {@code fail} follows), acked as soon as {@code nextTuple} returns otherwise, as in Heron.
 */
final class SpoutCollector implements ISpoutOutputCollector {
    private final io.egret.api.SpoutOutputCollector egret;
    private final TaskHooks hooks;

    SpoutCollector(io.egret.api.SpoutOutputCollector egret, TaskHooks hooks) {
        this.egret = egret;
        this.hooks = hooks;
    }

    @Override
    public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
        // The hook first: a message id acked as soon as it is emitted (at most once) finds its emit time.
        hooks.emitted(streamId, tuple, messageId);
        egret.emit(streamId, tuple, messageId);
        // As Heron: the receiving task ids are not known when a tuple is emitted.
        return null;
    }

    @Override
    public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
        hooks.emitted(streamId, tuple, messageId);
        egret.emitDirect(taskId, streamId, tuple, messageId);
    }

    @Override
    public void reportError(Throwable error) {
        egret.reportError(error);
    }
}
