package io.egret.adapters.mesos;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.mesos.framework.Backoff;
import io.egret.adapters.mesos.framework.FrameworkSettings;
import io.egret.adapters.mesos.framework.TaskTemplate;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * Everything one topology's Mesos scheduler service needs, written by the launcher into the service's working
 * directory (owner-readable only: it may hold the principal's secret) and read back by the service's main.
 *
 * @param taskCommand the container command with {@code ${SHARD}}, {@code ${HOST}} and {@code ${PORTn}} left in
 * @param taskUris what the Mesos fetcher puts in each task's sandbox: the core package, the topology package
 * @param config the submitting CLI's effective config without secrets, so the service opens the same state store
 */
public record ServiceSettings(
        String topologyName,
        String topologyId,
        String cluster,
        String role,
        String environ,
        String master,
        String frameworkName,
        String mesosRole,
        String principal,
        String secret,
        double failoverTimeoutSeconds,
        int maxRelaunches,
        List<String> taskCommand,
        List<String> taskUris,
        Map<String, String> config,
        String host,
        long connectTimeoutMillis,
        long requestTimeoutMillis,
        long subscribeTimeoutMillis) {
    public ServiceSettings {
        requireNonNull(topologyName, "topologyName is null");
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(role, "role is null");
        requireNonNull(environ, "environ is null");
        requireNonNull(master, "master is null");
        requireNonNull(frameworkName, "frameworkName is null");
        requireNonNull(mesosRole, "mesosRole is null");
        principal = principal == null ? "" : principal;
        secret = secret == null ? "" : secret;
        taskCommand = List.copyOf(requireNonNull(taskCommand, "taskCommand is null"));
        taskUris = List.copyOf(requireNonNull(taskUris, "taskUris is null"));
        config = Map.copyOf(requireNonNull(config, "config is null"));
        requireNonNull(host, "host is null");
    }

    public TopologyName name() {
        return TopologyName.of(topologyName);
    }

    public TopologyId id() {
        return TopologyId.of(topologyId);
    }

    public ClusterTarget target() {
        return new ClusterTarget(cluster, role, environ);
    }

    /** The task template, with each container's executor heap bound ({@code ${HEAP_MB}}) from {@code heapMb}. */
    public TaskTemplate template(IntToLongFunction heapMb) {
        return new TaskTemplate(taskCommand, taskUris.stream().map(URI::create).toList(), Map.of(), heapMb);
    }

    public FrameworkSettings framework() {
        return frameworkSettings(
                frameworkName,
                mesosRole,
                principal,
                secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                failoverTimeoutSeconds,
                maxRelaunches);
    }

    /** The framework settings every Egret Mesos framework uses, with these configured values. */
    public static FrameworkSettings frameworkSettings(
            String name,
            String mesosRole,
            String principal,
            Optional<String> secret,
            double failoverTimeoutSeconds,
            int maxRelaunches) {
        return new FrameworkSettings(
                name,
                System.getProperty("user.name", "nobody"),
                mesosRole,
                principal,
                secret,
                Duration.ofMillis(Math.round(failoverTimeoutSeconds * 1000)),
                5,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15)),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
                maxRelaunches,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMillis);
    }

    public Duration subscribeTimeout() {
        return Duration.ofMillis(subscribeTimeoutMillis);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "ServiceSettings[topology=" + topologyName + " (" + topologyId + "), master=" + master + ", framework="
                + frameworkName + ", role=" + mesosRole + ", principal=" + principal + ", secret="
                + (secret.isEmpty() ? "none" : "****") + "]";
    }
}
