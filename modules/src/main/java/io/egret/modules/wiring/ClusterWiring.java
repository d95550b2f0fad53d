package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.SchedulerKind;
import io.egret.domain.config.StateManagerKind;
import io.egret.domain.config.UploaderKind;
import io.egret.domain.error.EgretException;
import java.nio.file.Path;
import java.time.Duration;

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
            case MARATHON -> throw notAvailable(ConfigKey.SCHEDULER_CLASS, "Marathon scheduler");
            case MESOS -> throw notAvailable(ConfigKey.SCHEDULER_CLASS, "Mesos scheduler");
            case KUBERNETES, NOMAD, SLURM, YARN ->
                throw notAvailable(ConfigKey.SCHEDULER_CLASS, scheduler.shortName() + " scheduler");
        }
    }

    private LocalAdapterConfig localConfig() {
        EffectiveConfig config = context.config();
        return new LocalAdapterConfig(
                Path.of(config.required(ConfigKey.STATE_MANAGER_ROOT_PATH)),
                config.booleanValue(ConfigKey.LOCAL_FILE_SYSTEM_INITIALIZE_TREE),
                Duration.ofSeconds(10));
    }

    private EgretException notAvailable(ConfigKey key, String what) {
        String value = context.config().value(key).orElse("(unset)");
        return EgretException.userError("cluster '" + context.target().cluster() + "': the " + what + " selected by "
                + key.key() + " = " + value + " is not available in this build");
    }
}
