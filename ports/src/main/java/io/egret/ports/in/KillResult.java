package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.StateNode;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What {@code kill} found and removed.
 *
 * @param removedState the records that existed and are now deleted
 * @param stale true when the state was partial or the scheduler had nothing running: an earlier failure was
 *     cleaned up
 * @param removedPackages the uploaded packages of the topology that are now deleted
 * @param removedLeftovers true when the store kept something besides records (a lock, a temporary file of an
 *     interrupted write) that is now deleted
 * @param schedulerCommands for a dry run, the exact commands the kill would run on the cluster manager (empty when
 *     the scheduler shows none)
 */
public record KillResult(
        Set<StateNode> removedState,
        boolean stale,
        boolean dryRun,
        List<URI> removedPackages,
        boolean removedLeftovers,
        List<String> schedulerCommands) {
    public KillResult(Set<StateNode> removedState, boolean stale, boolean dryRun) {
        this(removedState, stale, dryRun, List.of(), false);
    }

    public KillResult(
            Set<StateNode> removedState,
            boolean stale,
            boolean dryRun,
            List<URI> removedPackages,
            boolean removedLeftovers) {
        this(removedState, stale, dryRun, removedPackages, removedLeftovers, List.of());
    }

    public KillResult {
        removedState = Set.copyOf(requireNonNull(removedState, "removedState is null"));
        removedPackages = List.copyOf(requireNonNull(removedPackages, "removedPackages is null"));
        schedulerCommands = List.copyOf(requireNonNull(schedulerCommands, "schedulerCommands is null"));
    }
}
