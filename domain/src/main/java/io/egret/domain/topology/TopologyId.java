package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Identifies one submission of a topology. Every record Egret stores carries it, so the state of an earlier
 * incarnation with the same name is recognised as stale and never adopted.
 */
public record TopologyId(String value) {
    public TopologyId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("topology id is blank");
        }
    }

    public static TopologyId of(String value) {
        return new TopologyId(value);
    }

    /** A fresh id: the name for readability plus a random UUID for uniqueness. */
    public static TopologyId newFor(TopologyName name, UUID uuid) {
        return new TopologyId(name.value() + "-" + uuid);
    }

    @Override
    public String toString() {
        return value;
    }
}
