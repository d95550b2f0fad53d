package io.egret.api;

import java.util.List;
import java.util.Map;

/** What an instance knows about itself and its topology while it runs. */
public interface TopologyContext {

    /** The topology's name. */
    String getTopologyName();

    /** The name of the component this instance belongs to. */
    String getThisComponentId();

    /** This instance's task id: unique in the topology, stable across container restarts. */
    int getThisTaskId();

    /** This instance's index among its component's instances, from 0. */
    int getThisTaskIndex();

    /** The task ids of all instances of a component, sorted. */
    List<Integer> getComponentTasks(String component);

    /** The fields this instance declared for one of its output streams. */
    Fields getThisOutputFields(String stream);

    /**
     * This component's effective config: topology config, then component config, then runtime-config updates;
     * reading it again after a {@code heron update --runtime-config} returns the new values. The map returned is
     * an immutable snapshot: keep the context, not the map, to see later updates.
     */
    Map<String, String> getConfig();
}
