package io.egret.adapters.aurora;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.adapters.aurora.scheduler.AuroraLauncher;
import io.egret.adapters.aurora.scheduler.AuroraScheduler;
import io.egret.adapters.aurora.scheduler.LaunchLedger;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;

/**
 * Binds the launcher and scheduler ports to Aurora. State store, uploader, packager, loader and topology control
 * come from elsewhere: Aurora does not care where state lives or where the package is uploaded. Implementations
 * are built with {@code new} in public {@code @Provides} methods, so Guice needs no access to internal packages.
 */
public final class AuroraAdapterModule extends AbstractModule {
    private final AuroraAdapterConfig config;
    private final AuroraClient client;
    private final LaunchLedger ledger = new LaunchLedger();

    public AuroraAdapterModule(AuroraAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.client = new AuroraClient(config.client());
    }

    /** Binds the job file and creates the job. */
    @Provides
    @Singleton
    public LauncherPort launcher() {
        return new AuroraLauncher(config, client, ledger);
    }

    /** Kills, restarts, scales and reads the job through the aurora client. */
    @Provides
    @Singleton
    public SchedulerPort scheduler() {
        return new AuroraScheduler(config, client, ledger);
    }
}
