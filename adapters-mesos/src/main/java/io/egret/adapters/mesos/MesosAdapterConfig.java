package io.egret.adapters.mesos;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Mesos cluster as configured: the master, how the framework subscribes, where the scheduler service works,
 * what containers run, and how the service is started.
 *
 * @param master {@code heron.mesos.master.uri}
 * @param frameworkName {@code heron.mesos.framework.name}; may hold {@code ${TOPOLOGY}}
 * @param workingDirectory {@code heron.scheduler.mesos.scheduler.working.directory}; may hold {@code ${CLUSTER}},
 *     {@code ${ROLE}}, {@code ${ENVIRON}} and {@code ${TOPOLOGY}}
 * @param coreUri {@code heron.package.core.uri} (or Heron's {@code heron.core.release.uri})
 * @param taskCommand the container command; {@code ${TOPOLOGY}}, {@code ${TOPOLOGY_ID}}, {@code ${CLUSTER}},
 *     {@code ${ROLE}} and {@code ${ENVIRON}} are filled by the launcher, {@code ${SHARD}}, {@code ${HOST}} and
 *     {@code ${PORTn}} per task
 * @param serviceCommand the scheduler service's command line, before the settings file argument
 * @param config the effective config without secrets, handed to the service
 * @param subscribeTimeout how long the service waits for the master to acknowledge the framework
 * @param serviceStartTimeout how long the launcher waits for the service to record its location
 */
public record MesosAdapterConfig(
        String master,
        String frameworkName,
        String mesosRole,
        String principal,
        Optional<String> secret,
        double failoverTimeoutSeconds,
        int maxRelaunches,
        String workingDirectory,
        URI coreUri,
        List<String> taskCommand,
        List<String> serviceCommand,
        Map<String, String> config,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration subscribeTimeout,
        Duration serviceStartTimeout,
        Duration killGrace) {
    public MesosAdapterConfig {
        requireNonNull(master, "master is null");
        requireNonNull(frameworkName, "frameworkName is null");
        requireNonNull(mesosRole, "mesosRole is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(coreUri, "coreUri is null");
        taskCommand = List.copyOf(requireNonNull(taskCommand, "taskCommand is null"));
        serviceCommand = List.copyOf(requireNonNull(serviceCommand, "serviceCommand is null"));
        config = Map.copyOf(requireNonNull(config, "config is null"));
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(subscribeTimeout, "subscribeTimeout is null");
        requireNonNull(serviceStartTimeout, "serviceStartTimeout is null");
        requireNonNull(killGrace, "killGrace is null");
    }

    /** The topology's working directory. */
    public Path workingDirectory(ClusterTarget target, TopologyName name) {
        return Path.of(fill(workingDirectory, target, name, ""));
    }

    /** The framework name of a topology. */
    public String frameworkName(ClusterTarget target, TopologyName name) {
        return fill(frameworkName, target, name, "");
    }

    static String fill(String template, ClusterTarget target, TopologyName name, String topologyId) {
        return template.replace("${CLUSTER}", target.cluster())
                .replace("${ROLE}", target.role())
                .replace("${ENVIRON}", target.environ())
                .replace("${TOPOLOGY}", name.value())
                .replace("${TOPOLOGY_ID}", topologyId);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "MesosAdapterConfig[master=" + master + ", framework=" + frameworkName + ", role=" + mesosRole
                + ", principal=" + principal + ", secret=" + (secret.isPresent() ? "****" : "none") + "]";
    }
}
