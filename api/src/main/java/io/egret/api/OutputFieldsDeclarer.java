package io.egret.api;

/** Where a spout or bolt declares the streams it emits and their fields. */
public interface OutputFieldsDeclarer {

    /** Declares the default stream. */
    void declare(Fields fields);

    /** Declares a named stream. */
    void declareStream(String stream, Fields fields);
}
