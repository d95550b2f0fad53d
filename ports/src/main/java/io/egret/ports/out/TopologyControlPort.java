package io.egret.ports.out;

import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import java.util.List;

/**
 * Talks to a running topology's master: activates, deactivates, changes runtime config and reads status. Calls carry the topology id,
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

    /**
     * Applies runtime-config changes to every running instance without a restart; returns once the master
     * confirms that every registered container applied them. Containers that register later get them from the
     * master too.
     *
     * @param changes the changes in the order given; later changes of the same key win
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the master cannot be reached in time,
     *     {@code CONFLICT} if it refuses the changes (another incarnation of the topology, an unknown component),
     *     {@code INTERNAL} if containers did not confirm
     */
    void updateRuntimeConfig(TopologyMasterLocation master, List<RuntimeConfigChange> changes);

    /** The master's view of the running topology. */
    TopologyRuntimeStatus status(TopologyMasterLocation master);
}
