package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.local.files.PathTemplate;
import io.egret.adapters.local.loader.ProcessTopologyLoader;
import io.egret.adapters.local.packaging.TarGzTopologyPackager;
import io.egret.adapters.local.scheduler.LocalLauncher;
import io.egret.adapters.local.scheduler.LocalSchedulerClient;
import io.egret.adapters.local.state.LocalFileSystemStateStore;
import io.egret.adapters.local.upload.LocalFileSystemUploader;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.PackageFetcherPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.TopologyLoaderPort;
import io.egret.ports.out.TopologyPackagerPort;
import io.egret.ports.out.UploaderPort;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds the ports the local adapters serve. Implementations are built with {@code new} in public
 * {@code @Provides} methods, so Guice needs no access to the adapters' internal packages on the module path.
 * The packager and loader do not depend on the cluster kind; the wiring may take them from here for any cluster.
 */
public final class LocalAdapterModule extends AbstractModule {
    private static final Duration WATCH_INTERVAL = Duration.ofMillis(150);

    private final LocalAdapterConfig config;
    private final Optional<PackageFetcherPort> fetcher;

    /** The launcher fetches packages from {@code file:} and {@code http(s):} URIs. */
    public LocalAdapterModule(LocalAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.fetcher = Optional.empty();
    }

    /**
     * @param fetcher how the launcher fetches the core and topology packages: the installation's fetchers, so a
     *     package uploaded to HDFS or S3 is fetched as containers elsewhere fetch it
     */
    public LocalAdapterModule(LocalAdapterConfig config, PackageFetcherPort fetcher) {
        this.config = requireNonNull(config, "config is null");
        this.fetcher = Optional.of(requireNonNull(fetcher, "fetcher is null"));
    }

    /** The state store on the local file system under {@link LocalAdapterConfig#stateRoot()}. */
    @Provides
    @Singleton
    public StateStorePort stateStore() {
        return new LocalFileSystemStateStore(
                config.stateRoot(), config.initializeStateTree(), config.stateMutexTimeout(), WATCH_INTERVAL);
    }

    /** The content-addressed uploader into {@link LocalAdapterConfig#uploaderDirectory()}. */
    @Provides
    @Singleton
    public UploaderPort uploader() {
        return new LocalFileSystemUploader(config.uploaderDirectory());
    }

    /** The reproducible {@code topology.tar.gz} packager. */
    @Provides
    @Singleton
    public TopologyPackagerPort packager() {
        return new TarGzTopologyPackager(config.temporaryDirectory());
    }

    /** Runs the author's main class in a child JVM against {@link LocalAdapterConfig#apiClassPath()}. */
    @Provides
    @Singleton
    public TopologyLoaderPort topologyLoader() {
        return new ProcessTopologyLoader(
                config.javaBinary(),
                config.apiClassPath(),
                config.heronApiClassPath(),
                config.topologyLoadTimeout(),
                config.temporaryDirectory());
    }

    /** Prepares the sandbox and starts the topology's scheduler service. */
    @Provides
    @Singleton
    public LauncherPort launcher(StateStorePort stateStore) {
        return fetcher.map(packages -> new LocalLauncher(config.scheduler(), stateStore, packages))
                .orElseGet(() -> new LocalLauncher(config.scheduler(), stateStore));
    }

    /** Talks to a topology's scheduler service; ends recorded processes itself when the service is gone. */
    @Provides
    @Singleton
    public SchedulerPort scheduler() {
        LocalAdapterConfig.SchedulerConfig scheduler = config.scheduler();
        return new LocalSchedulerClient(
                new PathTemplate(LocalLauncher.WORKING_DIRECTORY_KEY, scheduler.workingDirectory()),
                scheduler.connectTimeout(),
                scheduler.requestTimeout(),
                scheduler.killGrace());
    }
}
