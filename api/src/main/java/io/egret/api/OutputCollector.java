package io.egret.api;

import java.util.Collection;
import java.util.List;

/**
 * How a bolt emits tuples and acknowledges the ones it received. Emitting may block while downstream queues are
 * full (backpressure).
 *
 * <p>In {@code ATLEAST_ONCE} mode a bolt anchors each tuple it emits to the input tuples it came from, and acks
 * (or fails) every input tuple once it is done with it: a spout tuple's tree completes when each of its tuples
 * was acked. An input tuple that is neither acked nor failed makes its spout tuple time out. In
 * {@code ATMOST_ONCE} mode anchors, acks and fails cost nothing and do nothing.
 */
public interface OutputCollector {

    /** Emits on the default stream, anchored to nothing. */
    void emit(List<Object> values);

    /** Emits on a declared stream, anchored to nothing. */
    void emit(String stream, List<Object> values);

    /** Emits on a declared stream, anchored to each of {@code anchors} (none when empty). */
    void emit(String stream, Collection<Tuple> anchors, List<Object> values);

    /** Emits on the default stream, anchored to {@code anchor}. */
    default void emit(Tuple anchor, List<Object> values) {
        emit(Streams.DEFAULT, List.of(anchor), values);
    }

    /** Emits on a declared stream, anchored to {@code anchor}. */
    default void emit(String stream, Tuple anchor, List<Object> values) {
        emit(stream, List.of(anchor), values);
    }

    /** Emits on the default stream, anchored to each of {@code anchors}. */
    default void emit(Collection<Tuple> anchors, List<Object> values) {
        emit(Streams.DEFAULT, anchors, values);
    }

    /**
     * Emits to one task of a bolt that subscribed to {@code stream} with a direct grouping, anchored to each of
     * {@code anchors}.
     *
     * @throws IllegalArgumentException if {@code taskId} is not a task subscribed directly to the stream
     */
    void emitDirect(int taskId, String stream, Collection<Tuple> anchors, List<Object> values);

    /** {@link #emitDirect(int, String, Collection, List)} on the default stream, anchored to nothing. */
    default void emitDirect(int taskId, List<Object> values) {
        emitDirect(taskId, Streams.DEFAULT, List.of(), values);
    }

    /** This bolt is done with {@code input}: its part of the spout tuple's tree is complete. */
    void ack(Tuple input);

    /** This bolt could not process {@code input}: its spout tuple fails now, and the spout may replay it. */
    void fail(Tuple input);

    /** Logs an error the bolt handled itself and counts it among the component's failures. */
    void reportError(Throwable error);
}
