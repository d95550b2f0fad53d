package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.local.files.PathTemplate;
import io.egret.codec.EgretJson;
import io.egret.control.http.LoopbackHttp;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.TopologyHandle;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Talks to a topology's local scheduler service over HTTP, at the endpoint the service recorded in the state
 * store, with connect and read timeouts. A kill does not trust the service alone: afterwards (or instead, when the
 * service is gone or hung) it ends every process recorded in the topology's sandbox, scheduler first so that
 * nothing is restarted, and returns only when none of them is alive.
 */
public final class LocalSchedulerClient implements SchedulerPort {
    private static final Duration RESPONSE_MARGIN = Duration.ofSeconds(5);

    private final PathTemplate workingDirectory;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration killGrace;

    /**
     * @param workingDirectory {@code heron.scheduler.local.working.directory}, where the sandbox and its process
     *     records are
     * @param requestTimeout how long any request but kill and remove may take to answer
     * @param killGrace how long a process gets between SIGTERM and SIGKILL when this client ends it itself
     */
    public LocalSchedulerClient(
            PathTemplate workingDirectory, Duration connectTimeout, Duration requestTimeout, Duration killGrace) {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.killGrace = requireNonNull(killGrace, "killGrace is null");
    }

    @Override
    public SchedulerCapabilities capabilities() {
        return SchedulerCapabilities.all();
    }

    @Override
    public void kill(TopologyHandle topology, Duration timeout) {
        requireNonNull(topology, "topology is null");
        requireNonNull(timeout, "timeout is null");
        Sandbox sandbox = sandbox(topology);
        EgretException serviceFailure = null;
        boolean serviceKilled = false;
        // Read before the service is told to die, so that its record is in hand while it exits.
        List<ProcessRecord> records = killedRecords(sandbox, topology);
        Optional<String> endpoint = endpoint(topology);
        if (endpoint.isPresent()) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("timeoutMillis", timeout.toMillis());
            try {
                post(topology, endpoint.get(), "/kill", body, timeout.plus(RESPONSE_MARGIN));
                serviceKilled = true;
            } catch (EgretException e) {
                // Not the end: the recorded processes are ended below either way; this only explains leftovers.
                serviceFailure = e;
            }
        }
        List<String> survivors = endRecordedProcesses(records, sandbox, timeout, serviceKilled);
        if (survivors.isEmpty() && addressedByName(topology)) {
            survivors = endMarkedProcesses(sandbox, timeout);
        }
        if (!survivors.isEmpty()) {
            EgretException failure = new EgretException(
                    ErrorCode.INTERNAL,
                    "topology '" + topology.name() + "' still runs after kill: " + String.join(", ", survivors)
                            + " (records in " + sandbox.directory() + "); end them with 'kill -KILL -- -<group>'",
                    null);
            if (serviceFailure != null) {
                failure.addSuppressed(serviceFailure);
            }
            throw failure;
        }
    }

    @Override
    public void restart(TopologyHandle topology, OptionalInt containerId) {
        requireNonNull(topology, "topology is null");
        requireNonNull(containerId, "containerId is null");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        containerId.ifPresent(id -> body.put("containerId", id));
        post(topology, requiredEndpoint(topology), "/restart", body, requestTimeout);
    }

    @Override
    public void addContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        requireNonNull(topology, "topology is null");
        post(topology, requiredEndpoint(topology), "/containers/add", containerIds(containers), requestTimeout);
    }

    @Override
    public void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        requireNonNull(topology, "topology is null");
        ObjectNode body = containerIds(containers);
        body.put("timeoutMillis", requestTimeout.toMillis());
        post(topology, requiredEndpoint(topology), "/containers/remove", body, requestTimeout.plus(requestTimeout));
    }

    @Override
    public List<ContainerStatus> status(TopologyHandle topology) {
        requireNonNull(topology, "topology is null");
        Optional<String> endpoint = endpoint(topology);
        EgretException unreachable = null;
        if (endpoint.isPresent()) {
            try {
                JsonNode response = get(topology, endpoint.get(), "/status");
                List<ContainerStatus> statuses = new ArrayList<>();
                for (JsonNode container : response.path("containers")) {
                    statuses.add(EgretJson.mapper().treeToValue(container, ContainerStatus.class));
                }
                return statuses;
            } catch (EgretException e) {
                if (e.code() != ErrorCode.UNREACHABLE) {
                    throw e;
                }
                unreachable = e;
            } catch (IOException e) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "the scheduler service of '" + topology.name() + "' answered /status with an unexpected body: "
                                + e.getMessage(),
                        e);
            }
        }
        // The service is gone: report what the sandbox's records show, so the operator sees what still runs.
        String reason = unreachable == null
                ? "no scheduler service is recorded"
                : "the scheduler service at " + endpoint.get() + " does not answer";
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ProcessRecord record : records(sandbox(topology))) {
            if (record.isScheduler()) {
                continue;
            }
            boolean alive = record.isAlive();
            statuses.add(new ContainerStatus(
                    record.containerId(),
                    alive ? ContainerStatus.Phase.RUNNING : ContainerStatus.Phase.FAILED,
                    (alive ? "process group " + record.groupId() + " runs unsupervised: " : "not running: ") + reason,
                    0));
        }
        if (statuses.isEmpty() && unreachable != null) {
            throw unreachable;
        }
        return statuses;
    }

    /**
     * The processes a kill ends. A handle naming an incarnation ends only that incarnation's processes, so that a
     * late kill of an earlier one never ends its successor. A handle addressed by the bare topology name (the
     * state records that name the incarnation are missing or damaged) ends every process recorded in the
     * topology's sandbox: kill reconciles, and unreadable state must never leave a process running.
     */
    private static List<ProcessRecord> killedRecords(Sandbox sandbox, TopologyHandle topology) {
        List<ProcessRecord> all = records(sandbox);
        if (addressedByName(topology)) {
            return all;
        }
        return all.stream()
                .filter(record -> record.topologyId().equals(topology.id().value()))
                .toList();
    }

    private static boolean addressedByName(TopologyHandle topology) {
        return topology.id().value().equals(topology.name().value());
    }

    /**
     * Ends the processes that carry the sandbox's marker in their environment ({@link Sandbox#MARKER_VARIABLE})
     * though no record names them: started by a service that died before it could record them, or whose records
     * were lost. Only for a kill addressed by name, which means whatever runs for this topology.
     */
    private List<String> endMarkedProcesses(Sandbox sandbox, Duration timeout) {
        List<Long> groups = ProcessGroups.groupsMarkedWith(
                Sandbox.MARKER_VARIABLE, sandbox.directory().toString());
        if (groups.isEmpty()) {
            return List.of();
        }
        try {
            return ProcessGroups.terminate(groups, killGrace, timeout).stream()
                    .map(group -> "unrecorded process group " + group)
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while ending processes", e);
        }
    }

    /**
     * Ends the recorded processes and, when none survived, deletes their records.
     *
     * @param serviceKilled whether the service acknowledged the kill: it is then on its way out and gets a grace
     *     period to exit by itself before it is signalled
     */
    private List<String> endRecordedProcesses(
            List<ProcessRecord> records, Sandbox sandbox, Duration timeout, boolean serviceKilled) {
        List<String> survivors = RecordedProcesses.end(records, killGrace, timeout, serviceKilled);
        if (survivors.isEmpty()) {
            deleteRecords(records, sandbox);
        }
        return survivors;
    }

    private static List<ProcessRecord> records(Sandbox sandbox) {
        try {
            return sandbox.processRecords();
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot read process records in " + sandbox.directory() + ": " + e, e);
        }
    }

    private static void deleteRecords(List<ProcessRecord> records, Sandbox sandbox) {
        try {
            for (ProcessRecord record : records) {
                Files.deleteIfExists(
                        record.isScheduler()
                                ? sandbox.schedulerRecord()
                                : sandbox.containerRecord(record.containerId()));
            }
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot delete process records in " + sandbox.directory() + ": " + e, e);
        }
    }

    private Sandbox sandbox(TopologyHandle topology) {
        return new Sandbox(workingDirectory.resolve(topology.target(), topology.name()));
    }

    private static Optional<String> endpoint(TopologyHandle topology) {
        return topology.schedulerLocation().filter(SchedulerLocation::isService).map(SchedulerLocation::endpoint);
    }

    private static String requiredEndpoint(TopologyHandle topology) {
        return endpoint(topology)
                .orElseThrow(() -> EgretException.unreachable(
                        "topology '" + topology.name() + "' has no scheduler location in the state store: its"
                                + " scheduler service never started or was killed; run 'heron kill "
                                + topology.target() + " " + topology.name() + "' and submit again",
                        null));
    }

    private static ObjectNode containerIds(Set<ContainerPlan> containers) {
        requireNonNull(containers, "containers is null");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        containers.stream().map(ContainerPlan::id).sorted().forEach(body.putArray("containers")::add);
        return body;
    }

    private JsonNode post(TopologyHandle topology, String endpoint, String path, JsonNode body, Duration timeout) {
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                SchedulerHttpApi.TOPOLOGY_ID_HEADER,
                topology.id().value());
        return send(topology, endpoint, path, "POST", headers, EgretJson.toBytes(body), timeout);
    }

    private JsonNode get(TopologyHandle topology, String endpoint, String path) {
        Map<String, String> headers =
                Map.of(SchedulerHttpApi.TOPOLOGY_ID_HEADER, topology.id().value());
        return send(topology, endpoint, path, "GET", headers, null, requestTimeout);
    }

    private JsonNode send(
            TopologyHandle topology,
            String endpoint,
            String path,
            String method,
            Map<String, String> headers,
            byte[] requestBody,
            Duration timeout) {
        LoopbackHttp.Response answer;
        try {
            answer = new LoopbackHttp(connectTimeout, timeout).send(method, uri(endpoint, path), headers, requestBody);
        } catch (IOException e) {
            throw EgretException.unreachable(
                    "the scheduler service of topology '" + topology.name() + "' at " + endpoint + " did not answer "
                            + path + " (connect timeout " + connectTimeout + ", read timeout " + timeout + "): " + e
                            + "; its executors may run unsupervised: 'heron kill' still ends them",
                    e);
        }
        HttpAnswer response = new HttpAnswer(answer.status(), new String(answer.body(), UTF_8));
        JsonNode body;
        try {
            body = EgretJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "the scheduler service at " + endpoint + " answered " + path + " with HTTP " + response.statusCode()
                            + " and a body that is not JSON: " + abbreviate(response.body()),
                    e);
        }
        if (response.statusCode() == 200) {
            return body;
        }
        ErrorCode code = errorCode(body.path("code").asText());
        throw new EgretException(
                code,
                "the scheduler service of topology '" + topology.name() + "' refused " + path + " (HTTP "
                        + response.statusCode() + "): " + body.path("message").asText(abbreviate(response.body())),
                null);
    }

    /** A response as the checks below read it. */
    private record HttpAnswer(int statusCode, String body) {}

    private static ErrorCode errorCode(String name) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.name().equals(name)) {
                return code;
            }
        }
        return ErrorCode.INTERNAL;
    }

    private static URI uri(String endpoint, String path) {
        return URI.create("http://" + endpoint + path);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
