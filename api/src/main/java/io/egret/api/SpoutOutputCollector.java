package io.egret.api;

import java.util.List;

/**
 * How a spout emits tuples. Emitting may block while downstream queues are full: that is backpressure, and it
 * is why a spout should emit from {@link Spout#nextTuple()} only.
 *
 * <p>A tuple emitted with a message id is tracked in {@code ATLEAST_ONCE} mode (see {@link Config#setTopologyReliabilityMode}):
 * when every tuple of its tree has been acked, {@link Spout#ack} is called with the id; when a bolt fails one,
 * or the tree does not complete within {@code topology.message.timeout.secs}, {@link Spout#fail} is called and
 * the spout may emit it again. In {@code ATMOST_ONCE} mode nothing is tracked and a message id is acked as soon as
 * {@code nextTuple} returns. A tuple emitted without a message id is never tracked.
 */
public interface SpoutOutputCollector {

    /** Emits on the default stream, untracked. */
    void emit(List<Object> values);

    /** Emits on a declared stream, untracked. */
    void emit(String stream, List<Object> values);

    /** Emits on the default stream, tracked under {@code messageId} (untracked when it is null). */
    void emit(List<Object> values, Object messageId);

    /** Emits on a declared stream, tracked under {@code messageId} (untracked when it is null). */
    void emit(String stream, List<Object> values, Object messageId);

    /**
     * Emits to one task of a bolt that subscribed to {@code stream} with a direct grouping, tracked under
     * {@code messageId} (untracked when it is null).
     *
     * @throws IllegalArgumentException if {@code taskId} is not a task subscribed directly to the stream
     */
    void emitDirect(int taskId, String stream, List<Object> values, Object messageId);

    /** {@link #emitDirect(int, String, List, Object)} on the default stream. */
    default void emitDirect(int taskId, List<Object> values, Object messageId) {
        emitDirect(taskId, Streams.DEFAULT, values, messageId);
    }

    /** Logs an error the spout handled itself and counts it among the component's failures. */
    void reportError(Throwable error);
}
