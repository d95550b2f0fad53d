package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.local.state.LocalFileSystemStateStore;
import io.egret.ports.out.StateStorePort;
import java.time.Duration;

/**
 * Binds the ports the local cluster serves. Implementations are built with {@code new} in public
 * {@code @Provides} methods, so Guice needs no access to the adapters' internal packages on the module path.
 */
public final class LocalAdapterModule extends AbstractModule {
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(150);

    private final LocalAdapterConfig config;

    public LocalAdapterModule(LocalAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** The state store on the local file system under {@link LocalAdapterConfig#stateRoot()}. */
    @Provides
    @Singleton
    public StateStorePort stateStore() {
        return new LocalFileSystemStateStore(
                config.stateRoot(), config.initializeStateTree(), config.stateMutexTimeout(), WATCH_INTERVAL);
    }
}
