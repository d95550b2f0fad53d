package io.egret.domain.lifecycle;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.time.Instant;
import java.util.Optional;

/**
 * Who submitted which incarnation of a topology, where, when, and where it is in its lifecycle. Changed only
 * through {@link Lifecycle}'s transitions.
 */
public record ExecutionState(
        TopologyName name,
        TopologyId id,
        ClusterTarget target,
        String submitUser,
        Instant submittedAt,
        String releaseVersion,
        TopologyState state,
        Optional<UpdateIntent> update) {

    public ExecutionState {
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(target, "target is null");
        requireNonNull(submitUser, "submitUser is null");
        requireNonNull(submittedAt, "submittedAt is null");
        requireNonNull(releaseVersion, "releaseVersion is null");
        requireNonNull(state, "state is null");
        requireNonNull(update, "update is null");
    }

    public boolean isUpdating() {
        return update.isPresent();
    }

    ExecutionState withState(TopologyState newState) {
        return new ExecutionState(name, id, target, submitUser, submittedAt, releaseVersion, newState, update);
    }

    ExecutionState withUpdate(Optional<UpdateIntent> newUpdate) {
        return new ExecutionState(name, id, target, submitUser, submittedAt, releaseVersion, state, newUpdate);
    }
}
