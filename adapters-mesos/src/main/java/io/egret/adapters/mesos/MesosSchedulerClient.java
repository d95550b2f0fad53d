package io.egret.adapters.mesos;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.mesos.framework.RecordedTasks;
import io.egret.adapters.mesos.framework.TopologyFramework;
import io.egret.adapters.mesos.protocol.MasterClient;
import io.egret.adapters.mesos.protocol.MesosException;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.TopologyHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The CLI's side of a Mesos topology: talks to its scheduler service at the recorded endpoint. When the service
 * is gone, kill still works: the CLI subscribes as the recorded framework itself (which fails the old service
 * over if it still hangs on), kills every recorded task, waits for their ends and tears the framework down.
 */
public final class MesosSchedulerClient implements SchedulerPort {
    private static final Duration RESPONSE_MARGIN = Duration.ofSeconds(5);

    private final MesosAdapterConfig config;

    public MesosSchedulerClient(MesosAdapterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public SchedulerCapabilities capabilities() {
        return SchedulerCapabilities.all();
    }

    @Override
    public void kill(TopologyHandle topology, Duration timeout) {
        requireNonNull(topology, "topology is null");
        requireNonNull(timeout, "timeout is null");
        Path directory = config.workingDirectory(topology.target(), topology.name());
        Optional<String> endpoint = endpoint(topology);
        EgretException serviceFailure = null;
        if (endpoint.isPresent()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("timeoutMillis", timeout.toMillis());
            try {
                send(topology, endpoint.get(), "POST", "/kill", body, timeout.plus(RESPONSE_MARGIN));
                ServiceProcess.end(directory, config.killGrace());
                return;
            } catch (EgretException e) {
                serviceFailure = e;
            }
        }
        RecordedTasks recorded = topology.schedulerLocation()
                .map(location -> RecordedTasks.fromLinks(location.jobLinks()))
                .orElse(RecordedTasks.none());
        try {
            if (recorded.frameworkId().isPresent()) {
                killDirectly(topology, recorded, timeout);
            }
        } catch (EgretException e) {
            if (serviceFailure != null) {
                e.addSuppressed(serviceFailure);
            }
            throw e;
        } finally {
            ServiceProcess.end(directory, config.killGrace());
        }
    }

    private void killDirectly(TopologyHandle topology, RecordedTasks recorded, Duration timeout) {
        MasterClient master = new MasterClient(
                MesosSchedulerService.masterUri(config.master()),
                config.connectTimeout(),
                config.requestTimeout(),
                config.principal(),
                config.secret());
        try (TopologyFramework framework = new TopologyFramework(
                master,
                ServiceSettings.frameworkSettings(
                        config.frameworkName(topology.target(), topology.name()),
                        config.mesosRole(),
                        config.principal(),
                        config.secret(),
                        config.failoverTimeoutSeconds(),
                        config.maxRelaunches()),
                new io.egret.adapters.mesos.framework.TaskTemplate(List.of("true"), List.of(), Map.of()),
                Map.of(),
                recorded,
                tasks -> {},
                line -> {})) {
            framework.start();
            List<String> left = framework.killAll(timeout);
            if (!left.isEmpty()) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "the Mesos master did not confirm the end of tasks " + left + " of topology '" + topology.name()
                                + "' within " + timeout + "; the framework was torn down anyway",
                        null);
            }
        } catch (MesosException e) {
            throw EgretException.unreachable(
                    "cannot kill topology '" + topology.name() + "' through the Mesos master: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while killing '" + topology.name() + "'", e);
        }
    }

    @Override
    public void restart(TopologyHandle topology, OptionalInt containerId) {
        requireNonNull(containerId, "containerId is null");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        containerId.ifPresent(id -> body.put("containerId", id));
        send(topology, requiredEndpoint(topology), "POST", "/restart", body, config.requestTimeout());
    }

    @Override
    public void addContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        ObjectNode body = ids(containers);
        // The new plan is stored only after its containers were accepted, so the request carries their sizes.
        ObjectNode resources = body.putObject("resources");
        for (ContainerPlan container : containers) {
            ObjectNode size = resources.putObject(Integer.toString(container.id()));
            size.put("cpu", container.required().cpu());
            size.put("ramMb", container.required().ram().megabytes());
            size.put("diskMb", container.required().disk().megabytes());
            // With the container's RAM, what the service bounds the new executor's heap by (ExecutorHeap).
            size.put("instancesRamMb", container.instanceResources().ram().megabytes());
        }
        send(topology, requiredEndpoint(topology), "POST", "/containers/add", body, config.requestTimeout());
    }

    @Override
    public void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        ObjectNode body = ids(containers);
        body.put("timeoutMillis", config.requestTimeout().toMillis());
        send(
                topology,
                requiredEndpoint(topology),
                "POST",
                "/containers/remove",
                body,
                config.requestTimeout().plus(config.requestTimeout()));
    }

    @Override
    public List<ContainerStatus> status(TopologyHandle topology) {
        JsonNode answer = send(topology, requiredEndpoint(topology), "GET", "/status", null, config.requestTimeout());
        List<ContainerStatus> statuses = new ArrayList<>();
        try {
            for (JsonNode container : answer.path("containers")) {
                statuses.add(EgretJson.mapper().treeToValue(container, ContainerStatus.class));
            }
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "unexpected /status answer: " + e.getMessage(), e);
        }
        return statuses;
    }

    private static ObjectNode ids(Set<ContainerPlan> containers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        requireNonNull(containers, "containers is null").stream()
                .map(ContainerPlan::id)
                .sorted()
                .forEach(body.putArray("containers")::add);
        return body;
    }

    private static Optional<String> endpoint(TopologyHandle topology) {
        return topology.schedulerLocation().filter(SchedulerLocation::isService).map(SchedulerLocation::endpoint);
    }

    private static String requiredEndpoint(TopologyHandle topology) {
        return endpoint(requireNonNull(topology, "topology is null"))
                .orElseThrow(() -> EgretException.unreachable(
                        "topology '" + topology.name() + "' has no Mesos scheduler service recorded; 'heron kill "
                                + topology.target() + " " + topology.name() + "' still ends its tasks",
                        null));
    }

    private JsonNode send(
            TopologyHandle topology, String endpoint, String method, String path, JsonNode body, Duration timeout) {
        HttpURLConnection connection;
        int status;
        String text;
        try {
            connection = (HttpURLConnection)
                    URI.create("http://" + endpoint + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(config.connectTimeout().toMillis()));
            connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
            connection.setRequestProperty(
                    ServiceHttpApi.TOPOLOGY_ID_HEADER, topology.id().value());
            if (body != null) {
                byte[] bytes = EgretJson.toBytes(body);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream output = connection.getOutputStream()) {
                    output.write(bytes);
                }
            }
            status = connection.getResponseCode();
            try (InputStream input = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                text = input == null ? "" : new String(input.readAllBytes(), UTF_8);
            }
            connection.disconnect();
        } catch (IOException e) {
            throw EgretException.unreachable(
                    "the Mesos scheduler service of topology '" + topology.name() + "' at " + endpoint
                            + " did not answer " + path + ": " + e.getMessage()
                            + "; its tasks keep running under Mesos and 'heron kill' still ends them",
                    e);
        }
        JsonNode answer;
        try {
            answer = EgretJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "the scheduler service at " + endpoint + " answered " + path + " with HTTP " + status
                            + " and no JSON",
                    e);
        }
        if (status == 200) {
            return answer;
        }
        ErrorCode code = ErrorCode.INTERNAL;
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.name().equals(answer.path("code").asText())) {
                code = candidate;
            }
        }
        throw new EgretException(
                code,
                "the Mesos scheduler service of topology '" + topology.name() + "' refused " + path + " (HTTP " + status
                        + "): " + answer.path("message").asText(),
                null);
    }
}
