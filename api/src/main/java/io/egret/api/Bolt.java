package io.egret.api;

import java.io.Serializable;
import java.util.Map;

/**
 * Consumes tuples and may emit new ones. The configured instance given to {@link TopologyBuilder#setBolt} is
 * serialized with Java serialization and recreated in each container, once per instance.
 *
 * <p>Each instance runs on its own thread; the methods of one instance are never called concurrently. An
 * exception thrown by {@link #execute} is logged and counted, and the instance goes on with the next tuple; an
 * exception thrown by {@link #prepare} stops the container, which its scheduler then restarts.
 */
public interface Bolt extends Serializable {

    /** Called once in the container before the first tuple. */
    void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector);

    /** Processes one tuple. */
    void execute(Tuple tuple);

    /** Declares the streams this bolt emits; called when the topology is built and again in the container. */
    void declareOutputFields(OutputFieldsDeclarer declarer);

    /** Called when the container shuts down cleanly. */
    default void cleanup() {}
}
