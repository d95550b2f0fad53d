package io.egret.api;

import java.io.Serializable;
import java.util.Map;

/**
 * A source of tuples. The configured instance given to {@link TopologyBuilder#setSpout} is serialized with Java
 * serialization and recreated in each container, once per instance: keep configuration in serializable fields
 * and open connections in {@link #open}.
 *
 * <p>Each instance runs on its own thread; the methods of one instance are never called concurrently. An
 * exception thrown by {@link #nextTuple()} is logged and counted, and the spout is called again; an exception
 * thrown by {@link #open} stops the container, which its scheduler then restarts.
 */
public interface Spout extends Serializable {

    /** Called once in the container before any other method. */
    void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector);

    /**
     * Emits zero or more tuples and returns promptly. Called repeatedly while the topology is active, never
     * while it is deactivated.
     */
    void nextTuple();

    /** Declares the streams this spout emits; called when the topology is built and again in the container. */
    void declareOutputFields(OutputFieldsDeclarer declarer);

    /** Called when the topology is activated after having been deactivated. */
    default void activate() {}

    /** Called when the topology is deactivated; {@link #nextTuple()} is not called until it is activated. */
    default void deactivate() {}

    /**
     * The tuple tree of a tuple emitted with {@code messageId} completed: every tuple in it was acked. Called on
     * the spout's thread, between calls to {@link #nextTuple()}. Does nothing unless overridden.
     */
    default void ack(Object messageId) {}

    /**
     * The tuple emitted with {@code messageId} failed: a bolt failed a tuple of its tree, or the tree did not
     * complete within {@code topology.message.timeout.secs} (a container crash shows up this way). The spout may
     * emit it again. Called on the spout's thread, between calls to {@link #nextTuple()}. Does nothing unless
     * overridden.
     */
    default void fail(Object messageId) {}

    /** Called when the container shuts down cleanly. */
    default void close() {}
}
