package io.egret.modules.wiring;

import io.egret.adapters.mesos.MesosAdapterConfig;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.UploaderConfig;
import io.egret.domain.error.EgretException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Mesos adapter's config from a cluster's effective config: Heron's keys plus Egret's Mesos keys. */
final class MesosWiring {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(60);
    /** Heron's staging timeout (1–2 s) was for an in-process driver; a service JVM needs longer to subscribe. */
    private static final Duration MIN_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private MesosWiring() {}

    static MesosAdapterConfig config(WiringContext context) {
        EffectiveConfig config = context.config();
        Path lib = context.heronHome().resolve("lib");
        Duration staging = config.millis(ConfigKey.MESOS_FRAMEWORK_STAGING_TIMEOUT);
        return new MesosAdapterConfig(
                required(context, ConfigKey.MESOS_MASTER_URI),
                required(context, ConfigKey.MESOS_FRAMEWORK_NAME),
                required(context, ConfigKey.MESOS_ROLE),
                config.value(ConfigKey.MESOS_PRINCIPAL).orElse(""),
                config.value(ConfigKey.MESOS_SECRET).filter(value -> !value.isEmpty()),
                config.doubleValue(ConfigKey.MESOS_FAILOVER_TIMEOUT),
                config.intValue(ConfigKey.MESOS_MAX_TASK_RELAUNCHES, 0),
                config.value(ConfigKey.MESOS_WORKING_DIRECTORY)
                        .filter(value -> !value.isBlank())
                        .orElse(required(context, ConfigKey.LOCAL_WORKING_DIRECTORY)),
                URI.create(required(context, ConfigKey.CORE_PACKAGE_URI)),
                taskCommand(config),
                serviceCommand(lib),
                config.withoutSecrets(),
                CONNECT_TIMEOUT,
                REQUEST_TIMEOUT,
                staging.compareTo(MIN_SUBSCRIBE_TIMEOUT) < 0 ? MIN_SUBSCRIBE_TIMEOUT : staging,
                SERVICE_START_TIMEOUT,
                Duration.ofSeconds(5));
    }

    /**
     * What every Mesos task runs in its sandbox: the core package's executor under heron-core/ (the fetcher unpacked
     * the core package there; the launcher adds the topology package's {@code --package-uri}), with Heron's one server
     * port per container and the controller port, the executor's heap bound from the packing plan, and the store
     * settings the executor needs to fetch that package.
     */
    static List<String> taskCommand(EffectiveConfig config) {
        List<String> command = new ArrayList<>(List.of(
                "./heron-core/bin/heron-executor",
                "--topology-name=${TOPOLOGY}",
                "--topology-id=${TOPOLOGY_ID}",
                "--container-id=${SHARD}",
                "--heap-mb=${HEAP_MB}",
                "--state-root="
                        + config.value(ConfigKey.STATE_MANAGER_ROOT_PATH).orElse(""),
                "--state-connection="
                        + config.value(ConfigKey.STATE_MANAGER_CONNECTION_STRING)
                                .orElse(""),
                "--working-dir=.",
                "--host=${HOST}",
                "--server-port=${PORT0}",
                "--tm-controller-port=${PORT1}",
                "--cluster=${CLUSTER}",
                "--role=${ROLE}",
                "--environment=${ENVIRON}"));
        // The store's address for the executor's own fetch of the topology package; never a secret (see
        // UploaderConfig.containerFetchSettings): tasks authenticate with their agent's credentials.
        UploaderConfig.containerFetchSettings(config)
                .forEach((key, value) -> command.add("--fetch-config-property=" + key + "=" + value));
        return List.copyOf(command);
    }

    private static List<String> serviceCommand(Path lib) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "--module-path",
                lib.toString(),
                "-m",
                "io.egret.app/io.egret.app.MesosSchedulerServiceMain");
    }

    private static String required(WiringContext context, ConfigKey key) {
        return context.config()
                .value(key)
                .filter(value -> !value.isBlank())
                .orElseThrow(
                        () -> EgretException.userError("missing required key " + key.key() + " (" + key.description()
                                + ") for cluster '" + context.target().cluster() + "'"));
    }
}
