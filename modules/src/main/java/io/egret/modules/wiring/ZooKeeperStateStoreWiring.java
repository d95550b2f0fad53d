package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperAdapterModule;
import io.egret.domain.config.StateManagerConfig;
import io.egret.ports.out.StateStorePort;
import jakarta.inject.Singleton;

/**
 * The CLI's ZooKeeper state store, connected to the quorum where this process reaches it: each configured server
 * directly, or the local end of an SSH tunnel through the jump host when {@code heron.statemgr.is.tunnel.needed}
 * says so ({@link StateStoreConnection}). The tunnels open only when a command first needs the store.
 */
final class ZooKeeperStateStoreWiring extends AbstractModule {
    private final StateManagerConfig stateManager;

    ZooKeeperStateStoreWiring(StateManagerConfig stateManager) {
        this.stateManager = requireNonNull(stateManager, "stateManager is null");
    }

    @Provides
    @Singleton
    public StateStorePort stateStore(StateStoreConnection connection) {
        ConnectString reachable = ConnectString.parse(connection.reachable());
        return ZooKeeperAdapterModule.openStateStore(ZooKeeperWiring.clientConfig(stateManager, reachable));
    }
}
