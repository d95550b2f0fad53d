package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How topologies are launched and scheduled on this cluster: the cluster manager, Heron's common scheduler keys,
 * and the settings of the selected cluster manager only (another manager's keys are neither needed nor checked).
 *
 * @param kind from {@code heron.class.scheduler} and {@code heron.class.launcher}
 * @param isService {@code heron.scheduler.is.service}: a scheduler service per topology, or the scheduler as a
 *     library in the CLI
 * @param sandboxJavaHome {@code heron.directory.sandbox.java.home}: Java inside containers
 * @param corePackage where containers get the Heron core from
 * @param updatePrompt {@code heron.command.update.prompt} is {@code prompt}: ask before update adds containers
 * @param jobLinkTemplate {@code heron.scheduler.job.link.template}, with {@code ${TOPOLOGY}} left in place when the
 *     config does not know the topology yet
 * @param tunnel how to reach topology managers
 * @param settings the selected cluster manager's own settings
 */
public record SchedulerConfig(
        SchedulerKind kind,
        boolean isService,
        String sandboxJavaHome,
        CorePackage corePackage,
        boolean updatePrompt,
        Optional<String> jobLinkTemplate,
        TunnelConfig tunnel,
        Settings settings) {
    public SchedulerConfig {
        requireNonNull(kind, "kind is null");
        requireNonNull(sandboxJavaHome, "sandboxJavaHome is null");
        requireNonNull(corePackage, "corePackage is null");
        requireNonNull(jobLinkTemplate, "jobLinkTemplate is null");
        requireNonNull(tunnel, "tunnel is null");
        requireNonNull(settings, "settings is null");
        if (settings.kind() != kind) {
            throw new IllegalArgumentException("settings for " + settings.kind() + " given for " + kind);
        }
    }

    /**
     * Reads the scheduler keys. The configuration must be bound to the command's cluster target and topology
     * when the working directories use {@code ${ROLE}} or {@code ${TOPOLOGY}}.
     */
    public static SchedulerConfig from(EffectiveConfig config) {
        SchedulerKind kind = SchedulerKind.fromConfig(config);
        return new SchedulerConfig(
                kind,
                config.booleanValue(ConfigKey.SCHEDULER_IS_SERVICE),
                config.required(ConfigKey.SANDBOX_JAVA_HOME),
                CorePackage.from(config),
                config.required(ConfigKey.UPDATE_PROMPT).equals("prompt"),
                // ${TOPOLOGY} may stay: submit reads the config before the topology names itself; the scheduler
                // fills it in per topology.
                config.value(ConfigKey.JOB_LINK_TEMPLATE).filter(template -> !template.isBlank()),
                TunnelConfig.forScheduler(config),
                settings(kind, config));
    }

    private static Settings settings(SchedulerKind kind, EffectiveConfig config) {
        return switch (kind) {
            case LOCAL -> new Local(config.required(ConfigKey.LOCAL_WORKING_DIRECTORY));
            case AURORA ->
                new Aurora(
                        config.required(ConfigKey.AURORA_JOB_TEMPLATE),
                        config.intValue(ConfigKey.AURORA_MAX_KILL_ATTEMPTS, 1),
                        config.millis(ConfigKey.AURORA_KILL_RETRY_INTERVAL),
                        config.booleanValue(ConfigKey.AURORA_CONTROLLER_CLI),
                        config.string(ConfigKey.SCHEDULER_PROPERTIES)
                                .map(properties -> Arrays.stream(properties.split(","))
                                        .map(String::trim)
                                        .filter(property -> !property.isEmpty())
                                        .toList())
                                .orElse(List.of()));
            case MARATHON ->
                new Marathon(
                        uri(config, ConfigKey.MARATHON_URI),
                        config.string(ConfigKey.MARATHON_AUTH_TOKEN).map(SecretValue::new),
                        config.string(ConfigKey.EXECUTOR_DOCKER_IMAGE));
            case MESOS ->
                new Mesos(
                        config.required(ConfigKey.MESOS_MASTER_URI),
                        config.string(ConfigKey.MESOS_NATIVE_LIBRARY_PATH),
                        config.millis(ConfigKey.MESOS_FRAMEWORK_STAGING_TIMEOUT),
                        config.millis(ConfigKey.MESOS_DRIVER_STOP_TIMEOUT),
                        config.string(ConfigKey.MESOS_WORKING_DIRECTORY)
                                .orElseGet(() -> config.required(ConfigKey.LOCAL_WORKING_DIRECTORY)));
            case KUBERNETES, NOMAD, SLURM, YARN ->
                throw EgretException.userError("the " + kind.shortName() + " scheduler is not available in this build");
        };
    }

    private static URI uri(EffectiveConfig config, ConfigKey key) {
        String value = config.required(key);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value, "expected scheme://host[:port][/path]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw EgretException.userError(key.key() + " is '" + value + "' in "
                    + config.source(key).orElseThrow() + "; expected a URI such as http://marathon.example.com:8080");
        }
    }

    /**
     * Where containers get the Heron core package from.
     *
     * @param useUri {@code heron.package.use_core_uri}: fetch {@code uri}; otherwise use {@code directory}
     * @param uri {@code heron.package.core.uri} (older name {@code heron.core.release.uri})
     * @param directory {@code heron.package.core.directory}
     */
    public record CorePackage(boolean useUri, String uri, String directory) {
        public CorePackage {
            requireNonNull(uri, "uri is null");
            requireNonNull(directory, "directory is null");
        }

        public static CorePackage from(EffectiveConfig config) {
            return new CorePackage(
                    config.booleanValue(ConfigKey.USE_CORE_PACKAGE_URI),
                    config.required(ConfigKey.CORE_PACKAGE_URI),
                    config.required(ConfigKey.CORE_PACKAGE_DIRECTORY));
        }
    }

    /** The selected cluster manager's own settings. */
    public sealed interface Settings permits Local, Aurora, Marathon, Mesos {
        SchedulerKind kind();
    }

    /** @param workingDirectory {@code heron.scheduler.local.working.directory} */
    public record Local(String workingDirectory) implements Settings {
        public Local {
            requireNonNull(workingDirectory, "workingDirectory is null");
        }

        @Override
        public SchedulerKind kind() {
            return SchedulerKind.LOCAL;
        }
    }

    /**
     * @param jobTemplate {@code heron.scheduler.job.template}; the cluster's {@code heron.aurora} by default
     * @param maxKillAttempts {@code heron.scheduler.job.max.kill.attempts}
     * @param killRetryInterval {@code heron.scheduler.job.kill.retry.interval.ms}
     * @param controllerCli {@code heron.class.scheduler.aurora.controller.cli}
     * @param schedulerProperties {@code heron.scheduler.properties}, split on commas
     */
    public record Aurora(
            String jobTemplate,
            int maxKillAttempts,
            Duration killRetryInterval,
            boolean controllerCli,
            List<String> schedulerProperties)
            implements Settings {
        public Aurora {
            requireNonNull(jobTemplate, "jobTemplate is null");
            requireNonNull(killRetryInterval, "killRetryInterval is null");
            schedulerProperties = List.copyOf(requireNonNull(schedulerProperties, "schedulerProperties is null"));
        }

        @Override
        public SchedulerKind kind() {
            return SchedulerKind.AURORA;
        }
    }

    /**
     * @param schedulerUri {@code heron.marathon.scheduler.uri}
     * @param authToken {@code heron.marathon.scheduler.auth.token}, sent as {@code Authorization: token=...}
     * @param dockerImage {@code heron.executor.docker.image}
     */
    public record Marathon(URI schedulerUri, Optional<SecretValue> authToken, Optional<String> dockerImage)
            implements Settings {
        public Marathon {
            requireNonNull(schedulerUri, "schedulerUri is null");
            requireNonNull(authToken, "authToken is null");
            requireNonNull(dockerImage, "dockerImage is null");
        }

        @Override
        public SchedulerKind kind() {
            return SchedulerKind.MARATHON;
        }
    }

    /**
     * @param masterUri {@code heron.mesos.master.uri}, {@code host:port} or a URI
     * @param nativeLibraryPath {@code heron.mesos.native.library.path}; unused by Egret's HTTP framework
     * @param frameworkStagingTimeout {@code heron.mesos.framework.staging.timeout.ms}
     * @param driverStopTimeout {@code heron.mesos.scheduler.driver.stop.timeout.ms}
     * @param workingDirectory {@code heron.scheduler.mesos.scheduler.working.directory}, else the local one
     */
    public record Mesos(
            String masterUri,
            Optional<String> nativeLibraryPath,
            Duration frameworkStagingTimeout,
            Duration driverStopTimeout,
            String workingDirectory)
            implements Settings {
        public Mesos {
            requireNonNull(masterUri, "masterUri is null");
            requireNonNull(nativeLibraryPath, "nativeLibraryPath is null");
            requireNonNull(frameworkStagingTimeout, "frameworkStagingTimeout is null");
            requireNonNull(driverStopTimeout, "driverStopTimeout is null");
            requireNonNull(workingDirectory, "workingDirectory is null");
        }

        @Override
        public SchedulerKind kind() {
            return SchedulerKind.MESOS;
        }
    }
}
