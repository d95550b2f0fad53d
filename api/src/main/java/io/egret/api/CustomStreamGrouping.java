package io.egret.api;

import java.io.Serializable;
import java.util.List;

/**
 * An author's own routing of a stream to a bolt's instances, given to
 * {@link TopologyBuilder.BoltDeclarer#customGrouping}. Serialized with the topology and recreated in each
 * container, once per emitting instance, so it may keep state without synchronization.
 */
public interface CustomStreamGrouping extends Serializable {

    /**
     * Called once in the emitting instance before the first {@link #chooseTasks}.
     *
     * @param context the emitting instance's context
     * @param component the emitting component
     * @param stream the stream routed
     * @param targetTasks the subscribing bolt's task ids, sorted
     */
    void prepare(TopologyContext context, String component, String stream, List<Integer> targetTasks);

    /**
     * The tasks (from {@code targetTasks}) that receive a tuple with these values; empty drops it for this bolt.
     */
    List<Integer> chooseTasks(List<Object> values);
}
