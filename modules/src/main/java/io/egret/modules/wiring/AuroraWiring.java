package io.egret.modules.wiring;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.SchedulerConfig;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.config.UploaderKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads Heron's Aurora keys into the Aurora adapter's config. The executor's state flags and the package URI
 * scheme come from whichever state manager and uploader the cluster uses, so the Aurora adapter knows neither.
 */
final class AuroraWiring {
    private AuroraWiring() {}

    static AuroraAdapterConfig config(WiringContext context, UploaderKind uploader) {
        EffectiveConfig config = context.config();
        SchedulerConfig scheduler = SchedulerConfig.from(config);
        SchedulerConfig.Aurora aurora = (SchedulerConfig.Aurora) scheduler.settings();
        StateManagerConfig state = StateManagerConfig.from(config);
        List<String> properties = aurora.schedulerProperties();
        return new AuroraAdapterConfig(
                List.of("aurora"),
                jobTemplate(aurora.jobTemplate(), properties),
                properties.isEmpty() ? List.of() : properties.subList(1, properties.size()),
                AuroraAdapterConfig.SANDBOX_EXECUTOR,
                List.of("--state-root=" + state.rootPath(), "--state-connection=" + state.connectionString()),
                scheduler.corePackage().uri(),
                scheduler.sandboxJavaHome(),
                scheme(uploader),
                aurora.maxKillAttempts(),
                aurora.killRetryInterval(),
                config.millis(ConfigKey.AURORA_CLIENT_TIMEOUT),
                scheduler.jobLinkTemplate());
    }

    /** Heron: the first of {@code heron.scheduler.properties} replaces the name {@code heron.aurora}. */
    private static Path jobTemplate(String template, List<String> properties) {
        Path file = Path.of(template);
        if (properties.isEmpty() || !file.getFileName().toString().equals("heron.aurora")) {
            return file;
        }
        return file.resolveSibling(properties.get(0));
    }

    /** The URI scheme of the packages each uploader stores. */
    private static String scheme(UploaderKind uploader) {
        return switch (uploader) {
            case LOCAL_FS, NULL -> "file";
            case HDFS -> "hdfs";
            case S3 -> "s3";
            case HTTP -> "http";
            case SCP -> "scp";
            case GCS -> "gs";
            case DISTRIBUTED_LOG -> "distributedlog";
        };
    }
}
