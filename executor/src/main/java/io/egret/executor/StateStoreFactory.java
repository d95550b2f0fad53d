package io.egret.executor;

import io.egret.ports.out.StateStorePort;

/**
 * Opens the state store an executor talks to. The executor's composition point receives one: the wiring that
 * packages the executor provides it (as a service of this module, or by calling
 * {@link ExecutorMain#run(String[], StateStoreFactory)}), so the executor never names a state-store technology.
 */
@FunctionalInterface
public interface StateStoreFactory {

    /**
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the store cannot be reached
     */
    StateStorePort open(ExecutorArguments arguments);
}
