package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.egret.adapters.aurora.AuroraAdapterModule;
import io.egret.adapters.hdfs.HdfsAdapterConfig;
import io.egret.adapters.hdfs.HdfsAdapterModule;
import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.adapters.local.LocalSchedulerService;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.adapters.marathon.MarathonAdapterModule;
import io.egret.adapters.mesos.MesosAdapterModule;
import io.egret.adapters.s3.S3AdapterConfig;
import io.egret.adapters.s3.S3AdapterModule;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.ContainerTokens;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.SchedulerConfig;
import io.egret.domain.config.SchedulerKind;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.config.StateManagerKind;
import io.egret.domain.config.UploaderConfig;
import io.egret.domain.config.UploaderKind;
import io.egret.domain.error.EgretException;
import io.egret.executor.fetch.PackageFetchers;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the adapters for one cluster: an exhaustive switch over each kind the config selects, with no
 * {@code default}, so that adding a cluster manager is one adapter module, one enum constant and one arm here.
 */
public final class ClusterWiring extends AbstractModule {
    private final WiringContext context;
    private final String releaseVersion;

    private ClusterWiring(WiringContext context, String releaseVersion) {
        this.context = requireNonNull(context, "context is null");
        this.releaseVersion = requireNonNull(releaseVersion, "releaseVersion is null");
    }

    public static ClusterWiring forContext(WiringContext context, String releaseVersion) {
        return new ClusterWiring(context, releaseVersion);
    }

    @Override
    protected void configure() {
        EffectiveConfig config = context.config();
        install(new ApplicationWiring(context, releaseVersion));
        // Tunnels, the state store's reachable servers and topology-master control: the same for every cluster.
        install(new TunnelWiring(context));

        // Kinds only: paths such as the uploader directory use ${TOPOLOGY}, which the adapters fill per topology.
        Optional<Module> stateStore = switch (StateManagerKind.fromConfig(config)) {
            // Served by the local adapter module below, together with the local scheduler.
            case LOCAL_FS -> Optional.empty();
            // Connects to the servers as StateStoreConnection reaches them: directly, or through the tunnel.
            case ZOOKEEPER -> Optional.of(new ZooKeeperStateStoreWiring(StateManagerConfig.from(config)));
        };

        UploaderKind uploader = UploaderKind.fromConfig(config);
        // The uploader's module overrides the scheduler adapter's own uploader binding (the local one).
        Optional<Module> uploaderModule = switch (uploader) {
            case LOCAL_FS -> Optional.empty(); // Served by the local adapter module below.
            case HDFS ->
                Optional.of(new HdfsAdapterModule(
                        HdfsAdapterConfig.fromConfig(configValues(), System.getenv(), true), context.progress()));
            case S3 ->
                Optional.of(new S3AdapterModule(S3AdapterConfig.fromConfig(configValues(), true), context.progress()));
            case SCP, HTTP, GCS, DISTRIBUTED_LOG, NULL ->
                throw notAvailable(ConfigKey.UPLOADER_CLASS, uploader.shortName() + " uploader");
        };

        SchedulerKind scheduler = SchedulerKind.fromConfig(config);
        switch (scheduler) {
            case LOCAL ->
                install(withOverrides(
                        new LocalAdapterModule(localConfig(), PackageFetchers.installed(configValues())),
                        stateStore,
                        uploaderModule));
            // The local module serves packaging and topology control; Aurora schedules; state and upload are the
            // selected ones.
            case AURORA ->
                install(withOverrides(
                        Modules.override(new LocalAdapterModule(localConfig()))
                                .with(new AuroraAdapterModule(AuroraWiring.config(context, uploader))),
                        stateStore,
                        uploaderModule));
            // Marathon serves only the launcher and the scheduler; every other port comes from the adapters above.
            case MARATHON ->
                install(withOverrides(
                        Modules.override(new LocalAdapterModule(localConfig()))
                                .with(new MarathonAdapterModule(marathonConfig())),
                        stateStore,
                        uploaderModule));
            // Likewise Mesos: its launcher starts the framework service, its scheduler reaches it (or the master).
            case MESOS ->
                install(withOverrides(
                        Modules.override(new LocalAdapterModule(localConfig()))
                                .with(new MesosAdapterModule(MesosWiring.config(context))),
                        stateStore,
                        uploaderModule));
            case KUBERNETES, NOMAD, SLURM, YARN ->
                throw notAvailable(ConfigKey.SCHEDULER_CLASS, scheduler.shortName() + " scheduler");
        }
    }

    /**
     * A cluster module whose own state store and uploader give way to those {@code heron.class.state.manager} and
     * {@code heron.class.uploader} select (the local cluster keeps its state in ZooKeeper in Heron's {@code localzk}).
     */
    private static Module withOverrides(Module cluster, Optional<Module> stateStore, Optional<Module> uploader) {
        List<Module> overrides =
                Stream.of(stateStore, uploader).flatMap(Optional::stream).toList();
        return overrides.isEmpty() ? cluster : Modules.override(cluster).with(overrides);
    }

    /** Every effective key and value, for adapters that read Heron's keys themselves. Holds secrets. */
    private Map<String, String> configValues() {
        Map<String, String> values = new LinkedHashMap<>();
        context.config().entries().forEach(entry -> values.put(entry.key(), entry.value()));
        return values;
    }

    private LocalAdapterConfig localConfig() {
        EffectiveConfig config = context.config();
        Path lib = context.heronHome().resolve("lib");
        LocalAdapterConfig defaults = LocalAdapterConfig.defaults(
                Path.of(System.getProperty("user.home")), context.target().cluster());
        LocalAdapterConfig.SchedulerConfig schedulerDefaults = defaults.scheduler();
        boolean useCoreUri = config.booleanValue(ConfigKey.USE_CORE_PACKAGE_URI);
        // The local cluster's containers run here, with this installation: the container's $JAVA_HOME and
        // $HERON_HOME, left in place by the client, are this machine's.
        ContainerTokens here = new ContainerTokens(
                Optional.ofNullable(System.getenv("JAVA_HOME")).orElse(System.getProperty("java.home")),
                context.heronHome().toString());
        Path stateRoot = Path.of(config.required(ConfigKey.STATE_MANAGER_ROOT_PATH));
        LocalAdapterConfig.SchedulerConfig scheduler = new LocalAdapterConfig.SchedulerConfig(
                // Still holds ${TOPOLOGY}: the launcher fills it in per topology.
                template(ConfigKey.LOCAL_WORKING_DIRECTORY),
                useCoreUri
                        ? Optional.of(URI.create(here.expand(config.required(ConfigKey.CORE_PACKAGE_URI))))
                        : Optional.empty(),
                useCoreUri
                        ? Optional.empty()
                        : Optional.of(Path.of(here.expand(config.required(ConfigKey.CORE_PACKAGE_DIRECTORY)))),
                serviceCommand(lib),
                executorCommand(StateManagerConfig.from(config)),
                schedulerDefaults.maxExecutorRestarts(),
                schedulerDefaults.executorRestartBackoff(),
                schedulerDefaults.maxExecutorRestartBackoff(),
                schedulerDefaults.killGrace(),
                schedulerDefaults.serviceHost(),
                schedulerDefaults.serviceStartTimeout(),
                schedulerDefaults.connectTimeout(),
                schedulerDefaults.requestTimeout());
        return new LocalAdapterConfig(
                stateRoot,
                config.booleanValue(ConfigKey.LOCAL_FILE_SYSTEM_INITIALIZE_TREE),
                defaults.stateMutexTimeout(),
                template(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY),
                Path.of(System.getProperty("java.home"), "bin", "java"),
                Files.isDirectory(lib)
                        ? LocalAdapterConfig.moduleClassPath(ModuleFinder.of(lib), LocalAdapterConfig.API_MODULE)
                        : List.of(),
                heronApiClassPath(lib),
                defaults.topologyLoadTimeout(),
                defaults.temporaryDirectory(),
                scheduler);
    }

    /**
     * The jars in {@code lib/heron-compat/} (heron-compat and heron-api), which run topologies built against Heron's
     * API; outside the module path because heron-api cannot be a named module. Empty when not installed.
     */
    private static List<Path> heronApiClassPath(Path lib) {
        Path directory = lib.resolve("heron-compat");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + directory, e);
        }
    }

    private MarathonAdapterConfig marathonConfig() {
        EffectiveConfig config = context.config();
        SchedulerConfig scheduler = SchedulerConfig.from(config);
        if (!(scheduler.settings() instanceof SchedulerConfig.Marathon marathon)) {
            throw new IllegalStateException("Marathon wiring for " + scheduler.kind());
        }
        boolean useCoreUri = config.booleanValue(ConfigKey.USE_CORE_PACKAGE_URI);
        return new MarathonAdapterConfig(
                marathon.schedulerUri(),
                marathon.authToken(),
                marathon.dockerImage(),
                new MarathonAdapterConfig.Executor(
                        useCoreUri
                                ? Optional.of(URI.create(config.required(ConfigKey.CORE_PACKAGE_URI)))
                                : Optional.empty(),
                        config.required(ConfigKey.CORE_PACKAGE_DIRECTORY),
                        scheduler.sandboxJavaHome(),
                        config.required(ConfigKey.STATE_MANAGER_CONNECTION_STRING),
                        config.required(ConfigKey.STATE_MANAGER_ROOT_PATH),
                        UploaderConfig.containerFetchSettings(config)),
                MarathonAdapterConfig.DEFAULT_CONNECT_TIMEOUT,
                MarathonAdapterConfig.DEFAULT_READ_TIMEOUT,
                MarathonAdapterConfig.DEFAULT_DEPLOYMENT_TIMEOUT,
                MarathonAdapterConfig.DEFAULT_POLL_INTERVAL);
    }

    /** A value that may still hold tokens only a topology knows ({@code ${TOPOLOGY}}); the adapter fills them. */
    private String template(ConfigKey key) {
        return context.config()
                .value(key)
                .filter(value -> !value.isBlank())
                .orElseThrow(
                        () -> EgretException.userError("missing required key " + key.key() + " (" + key.description()
                                + ") for cluster '" + context.target().cluster() + "'"));
    }

    /** The scheduler service runs the installation's own app module, like the CLI that starts it. */
    private static List<String> serviceCommand(Path lib) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "--module-path",
                lib.toString(),
                "-m",
                "io.egret.app/io.egret.app.LocalSchedulerServiceMain");
    }

    /**
     * Every container runs the sandbox's core executor against the cluster's state store: the local state root, or
     * the ZooKeeper quorum and root with the timeouts of the topology's config snapshot.
     */
    private static List<String> executorCommand(StateManagerConfig stateManager) {
        List<String> state = switch (stateManager.kind()) {
            case LOCAL_FS ->
                List.of(
                        "--state-root=" + Path.of(stateManager.rootPath()),
                        "--state-connection=" + StateManagerConfig.LOCAL_MODE);
            case ZOOKEEPER ->
                List.of(
                        "--state-root=" + stateManager.rootPath(),
                        "--state-connection=" + stateManager.connectionString().strip(),
                        "--state-config-file=${SANDBOX}/" + LocalSchedulerService.EFFECTIVE_CONFIG);
        };
        List<String> command = new ArrayList<>();
        command.add("${SANDBOX}/heron-core/bin/heron-executor");
        // The JVM heap from the packing plan (see the README, "Container memory").
        command.add("--heap-mb=${HEAP_MB}");
        command.add("--topology-name=${TOPOLOGY}");
        command.add("--topology-id=${TOPOLOGY_ID}");
        command.add("--container-id=${SHARD}");
        command.addAll(state);
        command.addAll(List.of(
                "--working-dir=${SANDBOX}",
                "--host=127.0.0.1",
                "--bind-host=127.0.0.1",
                "--cluster=${CLUSTER}",
                "--role=${ROLE}",
                "--environment=${ENVIRON}"));
        return List.copyOf(command);
    }

    private EgretException notAvailable(ConfigKey key, String what) {
        String value = context.config().value(key).orElse("(unset)");
        return EgretException.userError("cluster '" + context.target().cluster() + "': the " + what + " selected by "
                + key.key() + " = " + value + " is not available in this build");
    }
}
