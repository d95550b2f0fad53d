package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.StateNode;
import java.util.Set;

/**
 * What {@code kill} found and removed.
 *
 * @param removedState the records that existed and are now deleted
 * @param stale true when the state was partial or the scheduler had nothing running: an earlier failure was
 *     cleaned up
 */
public record KillResult(Set<StateNode> removedState, boolean stale, boolean dryRun) {
    public KillResult {
        removedState = Set.copyOf(requireNonNull(removedState, "removedState is null"));
    }
}
