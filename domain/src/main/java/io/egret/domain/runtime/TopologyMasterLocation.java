package io.egret.domain.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyId;

/**
 * Where the topology master of one incarnation listens: its HTTP control port (activate, deactivate, status)
 * and the port stream managers register on.
 */
public record TopologyMasterLocation(TopologyId topologyId, String host, int controllerPort, int serverPort) {
    public TopologyMasterLocation {
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(host, "host is null");
    }

    public String controllerEndpoint() {
        return host + ":" + controllerPort;
    }
}
