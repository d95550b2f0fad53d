package io.egret.api;

/** Where a spout or bolt declares the streams it emits and their fields. */
public interface OutputFieldsDeclarer {

    /** Declares the default stream. */
    void declare(Fields fields);

    /** Declares a named stream. */
    void declareStream(String stream, Fields fields);

    /**
     * Declares a named stream, as Heron's API does. Egret does not need streams marked direct: any stream may be
     * emitted to a task that subscribed to it with a direct grouping, so {@code direct} changes nothing.
     */
    default void declareStream(String stream, boolean direct, Fields fields) {
        declareStream(stream, fields);
    }
}
