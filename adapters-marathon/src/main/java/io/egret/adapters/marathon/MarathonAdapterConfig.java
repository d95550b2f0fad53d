package io.egret.adapters.marathon;

import static java.util.Objects.requireNonNull;

import io.egret.domain.config.SecretValue;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the Marathon adapter needs from the cluster config.
 *
 * @param schedulerUri {@code heron.marathon.scheduler.uri}: Marathon's base URI (on DC/OS
 *     {@code <dcos_url>/service/marathon}); {@code /v2/...} is appended
 * @param authToken {@code heron.marathon.scheduler.auth.token}, sent as {@code Authorization: token=...}
 * @param dockerImage {@code heron.executor.docker.image}; without it apps run in Mesos' own containerizer
 * @param executor what every container runs and how it reaches the state store and the topology package
 * @param connectTimeout how long to wait for a TCP connection to Marathon
 * @param readTimeout how long to wait for Marathon's answer to one request
 * @param deploymentTimeout how long to wait for Marathon to finish removing containers
 * @param pollInterval how often deployments and apps are polled while waiting for them
 */
public record MarathonAdapterConfig(
        URI schedulerUri,
        Optional<SecretValue> authToken,
        Optional<String> dockerImage,
        Executor executor,
        Duration connectTimeout,
        Duration readTimeout,
        Duration deploymentTimeout,
        Duration pollInterval) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DEPLOYMENT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    public MarathonAdapterConfig {
        requireNonNull(schedulerUri, "schedulerUri is null");
        requireNonNull(authToken, "authToken is null");
        requireNonNull(dockerImage, "dockerImage is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(deploymentTimeout, "deploymentTimeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
        if (schedulerUri.getScheme() == null || schedulerUri.getHost() == null) {
            throw new IllegalArgumentException("schedulerUri must be absolute, got " + schedulerUri);
        }
        if (dockerImage.isPresent() && dockerImage.get().isBlank()) {
            dockerImage = Optional.empty();
        }
    }

    /**
     * How containers start the executor.
     *
     * @param corePackageUri {@code heron.package.core.uri} when {@code heron.package.use_core_uri} is true: Marathon
     *     fetches and unpacks the core into the sandbox; empty when the image already holds it
     * @param coreDirectory {@code heron.package.core.directory}: the core inside the image, used when the core is
     *     not fetched
     * @param sandboxJavaHome {@code heron.directory.sandbox.java.home}: Java inside the container; may name a
     *     variable of the container's environment such as {@code $JAVA_HOME}
     * @param stateConnection {@code heron.statemgr.connection.string}, as containers reach the state store
     * @param stateRoot {@code heron.statemgr.root.path}
     * @param fetchSettings what the executor's fetchers need to fetch the topology package from the uploader's
     *     store, by uploader key (an S3 endpoint and region, say); never a secret, since Marathon shows every app's
     *     command to whoever can read it (see {@code UploaderConfig.containerFetchSettings})
     */
    public record Executor(
            Optional<URI> corePackageUri,
            String coreDirectory,
            String sandboxJavaHome,
            String stateConnection,
            String stateRoot,
            Map<String, String> fetchSettings) {
        public Executor {
            requireNonNull(corePackageUri, "corePackageUri is null");
            requireNonNull(coreDirectory, "coreDirectory is null");
            requireNonNull(sandboxJavaHome, "sandboxJavaHome is null");
            requireNonNull(stateConnection, "stateConnection is null");
            requireNonNull(stateRoot, "stateRoot is null");
            fetchSettings = Collections.unmodifiableMap(new TreeMap<>(fetchSettings));
        }
    }
}
