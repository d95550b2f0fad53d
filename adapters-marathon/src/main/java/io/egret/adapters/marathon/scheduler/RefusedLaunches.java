package io.egret.adapters.marathon.scheduler;

import io.egret.domain.topology.TopologyId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Incarnations whose group Marathon certainly did not create in this process: it answered the POST with a refusal
 * (4xx), or the connection was refused before the request was sent. Undoing such a launch has nothing to kill, so
 * the kill that a failed submit runs as its undo does not call Marathon again (which would fail the same way and
 * report containers as left behind that never existed).
 */
public final class RefusedLaunches {
    private final Set<TopologyId> refused = ConcurrentHashMap.newKeySet();

    void record(TopologyId id) {
        refused.add(id);
    }

    boolean contains(TopologyId id) {
        return refused.contains(id);
    }
}
