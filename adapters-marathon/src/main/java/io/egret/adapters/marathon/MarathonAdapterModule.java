package io.egret.adapters.marathon;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.scheduler.MarathonLauncher;
import io.egret.adapters.marathon.scheduler.MarathonScheduler;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;

/**
 * Binds the launcher and the scheduler to Marathon. Nothing else: the state store, the uploader and the topology
 * master's control API come from whichever adapters the cluster config selects for them.
 */
public final class MarathonAdapterModule extends AbstractModule {
    private final MarathonAdapterConfig config;
    private MarathonClient client;

    public MarathonAdapterModule(MarathonAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** Posts the topology's group: one app per container. */
    @Provides
    @Singleton
    public LauncherPort launcher() {
        return new MarathonLauncher(config, client());
    }

    /** Kills (suspend, then delete), restarts, scales and reports the topology's group. */
    @Provides
    @Singleton
    public SchedulerPort scheduler() {
        return new MarathonScheduler(config, client());
    }

    /** One HTTP client (one connection pool) for the launcher and the scheduler. */
    private synchronized MarathonClient client() {
        if (client == null) {
            client = new MarathonClient(
                    config.schedulerUri(), config.authToken(), config.connectTimeout(), config.readTimeout());
        }
        return client;
    }
}
