package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.application.ActivateTopologyService;
import io.egret.application.DeactivateTopologyService;
import io.egret.application.KillTopologyService;
import io.egret.application.LifecycleSettings;
import io.egret.application.ListTopologiesService;
import io.egret.application.Packer;
import io.egret.application.RestartTopologyService;
import io.egret.application.SubmitTopologyService;
import io.egret.application.TopologyStatusService;
import io.egret.application.UpdateTopologyService;
import io.egret.domain.config.PackingConfig;
import io.egret.ports.in.ActivateTopologyUseCase;
import io.egret.ports.in.DeactivateTopologyUseCase;
import io.egret.ports.in.KillTopologyUseCase;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.in.RestartTopologyUseCase;
import io.egret.ports.in.SubmitTopologyUseCase;
import io.egret.ports.in.TopologyStatusUseCase;
import io.egret.ports.in.UpdateTopologyUseCase;
import io.egret.ports.out.ProgressPort;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/** The use cases and what they take from the cluster config; independent of the cluster manager. */
public final class ApplicationWiring extends AbstractModule {
    private final WiringContext context;
    private final String releaseVersion;

    public ApplicationWiring(WiringContext context, String releaseVersion) {
        this.context = requireNonNull(context, "context is null");
        this.releaseVersion = requireNonNull(releaseVersion, "releaseVersion is null");
    }

    @Override
    protected void configure() {
        bind(SubmitTopologyUseCase.class).to(SubmitTopologyService.class).in(Singleton.class);
        bind(ActivateTopologyUseCase.class).to(ActivateTopologyService.class).in(Singleton.class);
        bind(DeactivateTopologyUseCase.class)
                .to(DeactivateTopologyService.class)
                .in(Singleton.class);
        bind(KillTopologyUseCase.class).to(KillTopologyService.class).in(Singleton.class);
        bind(RestartTopologyUseCase.class).to(RestartTopologyService.class).in(Singleton.class);
        bind(UpdateTopologyUseCase.class).to(UpdateTopologyService.class).in(Singleton.class);
        bind(TopologyStatusUseCase.class).to(TopologyStatusService.class).in(Singleton.class);
        bind(ListTopologiesUseCase.class).to(ListTopologiesService.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    public LifecycleSettings lifecycleSettings() {
        // Every container reads this snapshot, so an override given on the command line reaches all of them.
        return LifecycleSettings.defaults(releaseVersion)
                .withPackageConfig(context.config().withoutSecrets());
    }

    @Provides
    @Singleton
    public Packer packer() {
        return new AlgorithmPacker(PackingConfig.from(context.config()));
    }

    @Provides
    public Clock clock() {
        return context.clock();
    }

    @Provides
    public Supplier<UUID> uuids() {
        return UUID::randomUUID;
    }

    @Provides
    public ProgressPort progress() {
        return context.progress();
    }
}
