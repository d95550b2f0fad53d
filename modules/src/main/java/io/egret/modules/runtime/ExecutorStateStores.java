package io.egret.modules.runtime;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.error.EgretException;
import io.egret.executor.ExecutorArguments;
import io.egret.executor.StateStoreFactory;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Path;

/**
 * The state store of an executor, chosen from its arguments: Heron's {@code LOCALMODE} connection (or none) with
 * a root directory is the local file system. Provided to the executor as a service, so the executor names no
 * state-store technology.
 */
public final class ExecutorStateStores implements StateStoreFactory {
    @Override
    public StateStorePort open(ExecutorArguments arguments) {
        String connection = arguments.stateConnection();
        if (!connection.isEmpty() && !connection.equals(StateManagerConfig.LOCAL_MODE)) {
            throw EgretException.userError("state manager connection '" + connection
                    + "' needs the ZooKeeper state manager, which is not available in this build");
        }
        if (arguments.stateRoot().isEmpty()) {
            throw EgretException.userError("the executor needs --state-root (Heron: --state-manager-root) for the"
                    + " local file-system state manager");
        }
        Path root = Path.of(arguments.stateRoot());
        LocalAdapterConfig config = LocalAdapterConfig.defaults(Path.of(System.getProperty("user.home")), "executor")
                .withStateRoot(root);
        return new LocalAdapterModule(config).stateStore();
    }
}
