package io.egret.adapters.zookeeper;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.zookeeper.curator.CuratorStateStore;
import io.egret.ports.out.StateStorePort;

/**
 * Binds the state store on ZooKeeper. The store is built with {@code new} in a public {@code @Provides} method, so
 * Guice needs no access to the internal package on the module path.
 */
public final class ZooKeeperAdapterModule extends AbstractModule {
    private final ZooKeeperStateConfig config;

    public ZooKeeperAdapterModule(ZooKeeperStateConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Provides
    @Singleton
    public StateStorePort stateStore() {
        return openStateStore(config);
    }

    /** A store for a process that is not composed by Guice (an executor, a scheduler service). */
    public static StateStorePort openStateStore(ZooKeeperStateConfig config) {
        return CuratorStateStore.open(config);
    }
}
