package io.egret.ports.out;

import io.egret.domain.runtime.TopologyMasterLocation;

/**
 * Talks to a running topology's master: activates, deactivates and reads status. Calls carry the topology id,
 * so a master of another incarnation refuses them.
 */
public interface TopologyControlPort {

    /**
     * Makes spouts emit; returns once the master confirms.
     *
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the master cannot be reached in time
     */
    void activate(TopologyMasterLocation master);

    /** Makes spouts stop emitting; returns once the master confirms that they stopped. */
    void deactivate(TopologyMasterLocation master);

    /** The master's view of the running topology. */
    TopologyRuntimeStatus status(TopologyMasterLocation master);
}
