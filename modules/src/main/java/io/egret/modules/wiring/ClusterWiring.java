package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.util.Modules;
import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.adapters.marathon.MarathonAdapterModule;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.SchedulerConfig;
import io.egret.domain.config.SchedulerKind;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.config.StateManagerKind;
import io.egret.domain.config.UploaderKind;
import io.egret.domain.error.EgretException;
import java.lang.module.ModuleFinder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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

        // Kinds only: paths such as the uploader directory use ${TOPOLOGY}, which the adapters fill per topology.
        switch (StateManagerKind.fromConfig(config)) {
            case LOCAL_FS -> {
                // Served by the local adapter module below, together with the local scheduler.
            }
            case ZOOKEEPER -> throw notAvailable(ConfigKey.STATE_MANAGER_CLASS, "ZooKeeper state manager");
        }

        UploaderKind uploader = UploaderKind.fromConfig(config);
        switch (uploader) {
            case LOCAL_FS -> {
                // Served by the local adapter module below.
            }
            case HDFS -> throw notAvailable(ConfigKey.UPLOADER_CLASS, "HDFS uploader");
            case S3 -> throw notAvailable(ConfigKey.UPLOADER_CLASS, "S3 uploader");
            case SCP, HTTP, GCS, DISTRIBUTED_LOG, NULL ->
                throw notAvailable(ConfigKey.UPLOADER_CLASS, uploader.shortName() + " uploader");
        }

        SchedulerKind scheduler = SchedulerKind.fromConfig(config);
        switch (scheduler) {
            case LOCAL -> install(new LocalAdapterModule(localConfig()));
            case AURORA -> throw notAvailable(ConfigKey.SCHEDULER_CLASS, "Aurora scheduler");
            // Marathon serves only the launcher and the scheduler; every other port comes from the adapters above.
            case MARATHON ->
                install(Modules.override(new LocalAdapterModule(localConfig()))
                        .with(new MarathonAdapterModule(marathonConfig())));
            case MESOS -> throw notAvailable(ConfigKey.SCHEDULER_CLASS, "Mesos scheduler");
            case KUBERNETES, NOMAD, SLURM, YARN ->
                throw notAvailable(ConfigKey.SCHEDULER_CLASS, scheduler.shortName() + " scheduler");
        }
    }

    private LocalAdapterConfig localConfig() {
        EffectiveConfig config = context.config();
        Path lib = context.heronHome().resolve("lib");
        LocalAdapterConfig defaults = LocalAdapterConfig.defaults(
                Path.of(System.getProperty("user.home")), context.target().cluster());
        LocalAdapterConfig.SchedulerConfig schedulerDefaults = defaults.scheduler();
        boolean useCoreUri = config.booleanValue(ConfigKey.USE_CORE_PACKAGE_URI);
        Path stateRoot = Path.of(config.required(ConfigKey.STATE_MANAGER_ROOT_PATH));
        LocalAdapterConfig.SchedulerConfig scheduler = new LocalAdapterConfig.SchedulerConfig(
                // Still holds ${TOPOLOGY}: the launcher fills it in per topology.
                template(ConfigKey.LOCAL_WORKING_DIRECTORY),
                useCoreUri ? Optional.of(URI.create(config.required(ConfigKey.CORE_PACKAGE_URI))) : Optional.empty(),
                useCoreUri ? Optional.empty() : Optional.of(Path.of(config.required(ConfigKey.CORE_PACKAGE_DIRECTORY))),
                serviceCommand(lib),
                executorCommand(stateRoot),
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
                defaults.topologyLoadTimeout(),
                defaults.temporaryDirectory(),
                scheduler);
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
                        config.required(ConfigKey.STATE_MANAGER_ROOT_PATH)),
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

    /** Every container runs the sandbox's core executor against the cluster's state root. */
    private static List<String> executorCommand(Path stateRoot) {
        return List.of(
                "${SANDBOX}/heron-core/bin/heron-executor",
                "--heap-mb=${HEAP_MB}",
                "--topology-name=${TOPOLOGY}",
                "--topology-id=${TOPOLOGY_ID}",
                "--container-id=${SHARD}",
                "--state-root=" + stateRoot,
                "--state-connection=" + StateManagerConfig.LOCAL_MODE,
                "--working-dir=${SANDBOX}",
                "--host=127.0.0.1",
                "--bind-host=127.0.0.1",
                "--cluster=${CLUSTER}",
                "--role=${ROLE}",
                "--environment=${ENVIRON}");
    }

    private EgretException notAvailable(ConfigKey key, String what) {
        String value = context.config().value(key).orElse("(unset)");
        return EgretException.userError("cluster '" + context.target().cluster() + "': the " + what + " selected by "
                + key.key() + " = " + value + " is not available in this build");
    }
}
