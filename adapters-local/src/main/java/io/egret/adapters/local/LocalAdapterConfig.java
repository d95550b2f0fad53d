package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the local adapters, resolved from the cluster's Heron config by the wiring.
 *
 * @param stateRoot {@code heron.statemgr.root.path}, with tokens substituted (Heron's default
 *     {@code ${HOME}/.herondata/repository/state/${CLUSTER}})
 * @param initializeStateTree {@code heron.statemgr.localfs.is.initialize.file.tree} (Heron's default true)
 * @param stateMutexTimeout how long a state change waits for another process's change of the same topology
 */
public record LocalAdapterConfig(Path stateRoot, boolean initializeStateTree, Duration stateMutexTimeout) {
    public LocalAdapterConfig {
        requireNonNull(stateRoot, "stateRoot is null");
        requireNonNull(stateMutexTimeout, "stateMutexTimeout is null");
    }
}
