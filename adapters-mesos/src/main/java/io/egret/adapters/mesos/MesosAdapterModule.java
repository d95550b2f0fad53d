package io.egret.adapters.mesos;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;

/**
 * Binds the launcher and scheduler ports of a Mesos cluster. The state store, uploader, packager and loader come
 * from whichever modules the wiring chooses for them: this module depends only on the state store port.
 */
public final class MesosAdapterModule extends AbstractModule {
    private final MesosAdapterConfig config;

    public MesosAdapterModule(MesosAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Starts the topology's scheduler service and returns once it subscribed. */
    @Provides
    @Singleton
    public LauncherPort launcher(StateStorePort stateStore) {
        return new MesosLauncher(config, stateStore);
    }

    /** Reaches the scheduler service, or the master directly to kill when the service is gone. */
    @Provides
    @Singleton
    public SchedulerPort scheduler() {
        return new MesosSchedulerClient(config);
    }
}
