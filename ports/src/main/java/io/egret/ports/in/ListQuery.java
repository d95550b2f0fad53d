package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Which topologies {@code heron list} shows: those of a cluster, optionally of one role and environ. */
public record ListQuery(String cluster, Optional<String> role, Optional<String> environ) {
    public ListQuery {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(role, "role is null");
        requireNonNull(environ, "environ is null");
    }
}
