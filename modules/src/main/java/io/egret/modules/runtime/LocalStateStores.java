package io.egret.modules.runtime;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Path;

/** Opens the state store of a process that runs inside the local cluster: an executor or a scheduler service. */
final class LocalStateStores {
    private LocalStateStores() {}

    /**
     * @param connection Heron's state-manager connection string: empty or {@code LOCALMODE} for the local file system
     * @param root {@code heron.statemgr.root.path}
     * @param who the process, for errors ("the executor", "the local scheduler service")
     */
    static StateStorePort open(String connection, String root, String who) {
        if (!connection.isEmpty() && !connection.equals(StateManagerConfig.LOCAL_MODE)) {
            throw EgretException.userError(who + " got state manager connection '" + connection
                    + "', which needs the ZooKeeper state manager; it is not available in this build");
        }
        if (root == null || root.isBlank()) {
            throw EgretException.userError(who + " needs the state root (heron.statemgr.root.path) of the local"
                    + " file-system state manager");
        }
        LocalAdapterConfig config = LocalAdapterConfig.defaults(Path.of(System.getProperty("user.home")), "local")
                .withStateRoot(Path.of(root));
        return new LocalAdapterModule(config).stateStore();
    }
}
