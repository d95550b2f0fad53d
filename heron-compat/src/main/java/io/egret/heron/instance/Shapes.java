package io.egret.heron.instance;

import org.apache.heron.api.generated.TopologyAPI;
import org.apache.heron.shaded.com.google.protobuf.InvalidProtocolBufferException;

/** The topology's shape as the adapters carry it: Heron's definition without the components' objects. */
final class Shapes {
    private Shapes() {}

    static TopologyAPI.Topology parse(byte[] shape, String component) {
        try {
            return TopologyAPI.Topology.parseFrom(shape);
        } catch (InvalidProtocolBufferException e) {
            throw new HeronComponentException(
                    "component '" + component + "' carries a damaged topology definition: " + e.getMessage(), e);
        }
    }
}
