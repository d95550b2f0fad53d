package io.egret.api;

import java.util.List;

/** How a bolt emits tuples. Emitting may block while downstream queues are full (backpressure). */
public interface OutputCollector {

    /** Emits on the default stream. */
    void emit(List<Object> values);

    /** Emits on a declared stream. */
    void emit(String stream, List<Object> values);
}
