package io.egret.domain.runtime;

import static java.util.Objects.requireNonNull;

/** A container's stream manager as registered with the topology master. */
public record StreamManagerLocation(int containerId, String host, int dataPort) {
    public StreamManagerLocation {
        requireNonNull(host, "host is null");
        if (containerId < 1) {
            throw new IllegalArgumentException("stream managers run in containers 1 and up, got " + containerId);
        }
    }
}
