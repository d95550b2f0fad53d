package io.egret.api;

import java.util.List;

/**
 * How a spout emits tuples. Emitting may block while downstream queues are full: that is backpressure, and it
 * is why a spout should emit from {@link Spout#nextTuple()} only.
 */
public interface SpoutOutputCollector {

    /** Emits on the default stream. */
    void emit(List<Object> values);

    /** Emits on a declared stream. */
    void emit(String stream, List<Object> values);
}
