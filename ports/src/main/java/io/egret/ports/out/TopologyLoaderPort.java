package io.egret.ports.out;

import io.egret.domain.topology.TopologyDefinition;

/** Runs a topology author's main class against Egret's API and returns the topology it submitted. */
public interface TopologyLoaderPort {

    /**
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the main class is missing, throws, exits
     *     or never submits a topology; the message includes the author's own error
     */
    TopologyDefinition load(LoadRequest request);
}
