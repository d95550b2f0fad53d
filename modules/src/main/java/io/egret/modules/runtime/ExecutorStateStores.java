package io.egret.modules.runtime;

import io.egret.executor.ExecutorArguments;
import io.egret.executor.StateStoreFactory;
import io.egret.ports.out.StateStorePort;

/**
 * The state store of an executor, chosen from its arguments: Heron's {@code LOCALMODE} connection (or none) with
 * a root directory is the local file system. Provided to the executor as a service, so the executor names no
 * state-store technology.
 */
public final class ExecutorStateStores implements StateStoreFactory {
    @Override
    public StateStorePort open(ExecutorArguments arguments) {
        return LocalStateStores.open(arguments.stateConnection(), arguments.stateRoot(), "the executor (--state-root)");
    }
}
