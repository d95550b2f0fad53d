package io.egret.modules.runtime;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.adapters.zookeeper.ZooKeeperAdapterModule;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.error.EgretException;
import io.egret.modules.wiring.ZooKeeperWiring;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the state store of a process that a topology runs (an executor or a scheduler service): the local file
 * system for Heron's {@code LOCALMODE} connection (or none), ZooKeeper for a quorum.
 */
final class LocalStateStores {
    private LocalStateStores() {}

    /**
     * @param connection Heron's state-manager connection string: empty or {@code LOCALMODE} for the local file
     *     system, else a ZooKeeper quorum with an optional chroot
     * @param root {@code heron.statemgr.root.path}
     * @param values the topology's config snapshot, for the ZooKeeper timeouts and retries (may be empty: Heron's
     *     defaults)
     * @param who the process, for errors ("the executor", "the local scheduler service")
     */
    static StateStorePort open(String connection, String root, Map<String, String> values, String who) {
        if (root == null || root.isBlank()) {
            throw EgretException.userError(who + " needs the state root (heron.statemgr.root.path)");
        }
        if (!connection.isEmpty() && !connection.equals(StateManagerConfig.LOCAL_MODE)) {
            return ZooKeeperAdapterModule.openStateStore(ZooKeeperWiring.processConfig(connection, root, values));
        }
        LocalAdapterConfig config = LocalAdapterConfig.defaults(Path.of(System.getProperty("user.home")), "local")
                .withStateRoot(Path.of(root));
        return new LocalAdapterModule(config).stateStore();
    }
}
