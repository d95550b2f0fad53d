package io.egret.domain.lifecycle;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.time.Instant;
import java.util.Optional;

/**
 * The lifecycle's transitions as pure functions. Each returns the next execution state or refuses with a
 * {@link io.egret.domain.error.ErrorCode#CONFLICT} that says why and what to do instead.
 */
public final class Lifecycle {
    private Lifecycle() {}

    /** The state written, atomically with everything else, before anything is launched. */
    public static ExecutionState submitting(
            TopologyName name,
            TopologyId id,
            ClusterTarget target,
            String submitUser,
            Instant now,
            String releaseVersion) {
        return new ExecutionState(
                name, id, target, submitUser, now, releaseVersion, TopologyState.SUBMITTING, Optional.empty());
    }

    /** Launch succeeded: running, or paused when submitted with {@code --deploy-deactivated}. */
    public static ExecutionState launched(ExecutionState current, boolean deployDeactivated) {
        require(current, TopologyState.SUBMITTING, "finish submitting");
        return current.withState(deployDeactivated ? TopologyState.PAUSED : TopologyState.RUNNING);
    }

    /**
     * Activate a paused topology. Activating a running one is not an error: the operator's intent already
     * holds, so the same state comes back (the caller reports it as unchanged).
     */
    public static ExecutionState activate(ExecutionState current) {
        requireNotUpdating(current, "activate");
        if (current.state() == TopologyState.RUNNING) {
            return current;
        }
        require(current, TopologyState.PAUSED, "activate");
        return current.withState(TopologyState.RUNNING);
    }

    /** Deactivate a running topology; deactivating a paused one returns it unchanged. */
    public static ExecutionState deactivate(ExecutionState current) {
        requireNotUpdating(current, "deactivate");
        if (current.state() == TopologyState.PAUSED) {
            return current;
        }
        require(current, TopologyState.RUNNING, "deactivate");
        return current.withState(TopologyState.PAUSED);
    }

    /** Start an update; the intent records the state to return to. */
    public static ExecutionState beginUpdate(ExecutionState current, UpdateIntent intent) {
        requireNotUpdating(current, "update");
        if (current.state() != TopologyState.RUNNING && current.state() != TopologyState.PAUSED) {
            throw refuse(current, "update");
        }
        if (intent.resumeState() != current.state()) {
            throw new IllegalArgumentException(
                    "update intent resumes to " + intent.resumeState() + " but the topology is " + current.state());
        }
        return current.withUpdate(Optional.of(intent));
    }

    /** Finish (or roll back) an update: back to the state it started from. */
    public static ExecutionState endUpdate(ExecutionState current) {
        UpdateIntent intent = current.update()
                .orElseThrow(
                        () -> EgretException.conflict("topology '" + current.name() + "' has no update in progress"));
        return current.withUpdate(Optional.empty()).withState(intent.resumeState());
    }

    /**
     * Kill is allowed from every state, including a half-done submit or update and an earlier kill that did not
     * finish: kill is how stale state is cleaned.
     */
    public static ExecutionState beginKill(ExecutionState current) {
        return current.withUpdate(Optional.empty()).withState(TopologyState.KILLING);
    }

    /**
     * A runtime-config update keeps the state; it needs a running or paused topology (its master applies the
     * change) and is refused while a parallelism update is in progress.
     */
    public static void checkRuntimeConfigurable(ExecutionState current) {
        requireNotUpdating(current, "update");
        if (current.state() != TopologyState.RUNNING && current.state() != TopologyState.PAUSED) {
            throw refuse(current, "update");
        }
    }

    /** Restart keeps the state but is refused while the topology is being submitted, killed or updated. */
    public static void checkRestartable(ExecutionState current) {
        requireNotUpdating(current, "restart");
        if (current.state() != TopologyState.RUNNING && current.state() != TopologyState.PAUSED) {
            throw refuse(current, "restart");
        }
    }

    private static void require(ExecutionState current, TopologyState expected, String action) {
        if (current.state() != expected) {
            throw refuse(current, action);
        }
    }

    private static void requireNotUpdating(ExecutionState current, String action) {
        if (current.isUpdating()) {
            throw EgretException.conflict("cannot " + action + " topology '" + current.name()
                    + "': an update is in progress since "
                    + current.update().get().startedAt()
                    + "; wait for it, or kill the topology");
        }
    }

    private static EgretException refuse(ExecutionState current, String action) {
        String hint = switch (current.state()) {
            case SUBMITTING -> "it is still being submitted; wait, or kill it to clean up a failed submit";
            case KILLING -> "it is being killed; run 'heron kill' again to finish the kill";
            case RUNNING -> "it is running";
            case PAUSED -> "it is deactivated; activate it first";
        };
        return EgretException.conflict("cannot " + action + " topology '" + current.name() + "': " + hint);
    }
}
