package io.egret.adapters.mesos;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.adapters.mesos.framework.RecordedTasks;
import io.egret.adapters.mesos.framework.TaskTemplate;
import io.egret.adapters.mesos.framework.TopologyFramework;
import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.protocol.MasterClient;
import io.egret.adapters.mesos.protocol.MesosException;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.ExecutorHeap;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * One topology's Mesos scheduler service (Heron's {@code SchedulerMain} with the Mesos scheduler): subscribes as
 * the topology's framework (the recorded one after a restart, reconciling instead of relaunching), keeps every
 * container of the stored packing plan plus container 0 running through the master, serves the scheduler HTTP
 * API, and records its endpoint, framework id and tasks as the topology's scheduler location.
 */
public final class MesosSchedulerService implements AutoCloseable {
    /** The settings file the launcher writes into the working directory. */
    public static final String SETTINGS_FILE = "mesos-scheduler.json";
    /** The command that (re)starts the service, one argument per line, for operators and supervisors. */
    public static final String COMMAND_FILE = "mesos-scheduler.command";
    /** The running service's process id. */
    public static final String PID_FILE = "mesos-scheduler.pid";
    /** The service's output. */
    public static final String OUTPUT_FILE = "mesos-scheduler.stdout";

    private final ServiceSettings settings;
    private final StateStorePort stateStore;
    private final Consumer<String> log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object journalLock = new Object();
    private volatile Optional<String> stopReason = Optional.empty();
    private TopologyFramework framework;
    private ServiceHttpApi api;
    private Endpoint endpoint;
    private Map<Integer, Demand> demands;
    /** Each container's executor heap bound in MB, from the plan (containers an update adds come in later). */
    private final Map<Integer, Long> heaps = new ConcurrentHashMap<>();

    private TopologyConfig topologyConfig = new TopologyConfig(Map.of());
    private TaskTemplate template;

    public MesosSchedulerService(ServiceSettings settings, StateStorePort stateStore, Consumer<String> log) {
        this.settings = requireNonNull(settings, "settings is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** Records this process as the service of the settings file's working directory (for kill and restart). */
    public static void recordProcess(Path settingsFile) {
        try {
            ServiceProcess.recordSelf(settingsFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot record the scheduler process next to " + settingsFile + ": " + e, e);
        }
    }

    /** Reads the settings file the launcher wrote. */
    public static ServiceSettings readSettings(Path file) {
        try {
            return EgretJson.mapper().readValue(file.toFile(), ServiceSettings.class);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.USER_ERROR,
                    "cannot read the Mesos scheduler settings " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Runs the service until the topology is killed or another scheduler took the framework over.
     *
     * @return why it stopped
     */
    public static String run(ServiceSettings settings, StateStorePort stateStore, Consumer<String> log)
            throws InterruptedException {
        try (MesosSchedulerService service = new MesosSchedulerService(settings, stateStore, log)) {
            service.start();
            return service.awaitStopped();
        }
    }

    /**
     * Subscribes and starts serving; returns once the master acknowledged the framework and its location is
     * recorded.
     *
     * @throws EgretException {@code NOT_FOUND} when the topology's state is gone, {@code UNREACHABLE} when the
     *     master does not acknowledge within the subscribe timeout, {@code USER_ERROR} when it refuses
     */
    public void start() throws InterruptedException {
        TopologyName name = settings.name();
        StoredTopology stored = stateStore
                .read(name)
                .orElseThrow(() -> EgretException.notFound("topology '" + name + "' has no state: it was killed"));
        ExecutionState state = stored.executionState()
                .orElseThrow(() -> EgretException.notFound("topology '" + name + "' has no execution state"));
        if (!state.id().equals(settings.id())) {
            throw EgretException.conflict("the state of topology '" + name + "' belongs to incarnation " + state.id()
                    + ", not to this scheduler's " + settings.id());
        }
        PackingPlan plan = stored.packingPlan()
                .orElseThrow(() -> EgretException.notFound("topology '" + name + "' has no packing plan"));
        RecordedTasks recorded = stored.scheduler()
                .map(location -> RecordedTasks.fromLinks(location.jobLinks()))
                .orElse(RecordedTasks.none());
        topologyConfig = new TopologyConfig(
                stored.definition().map(TopologyDefinition::config).orElse(Map.of()));
        template = settings.template(this::heapMb);
        int ports = template.portCount();
        demands = new LinkedHashMap<>();
        demands.put(0, demand(plan.maxContainerResources(), ports));
        heaps.put(0, ExecutorHeap.TOPOLOGY_MASTER_HEAP_MB);
        for (ContainerPlan container : plan.containers()) {
            demands.put(container.id(), demand(container.required(), ports));
            heaps.put(container.id(), ExecutorHeap.megabytes(container, topologyConfig));
        }
        MasterClient master = new MasterClient(
                masterUri(settings.master()),
                settings.connectTimeout(),
                settings.requestTimeout(),
                settings.principal(),
                settings.secret().isEmpty() ? Optional.empty() : Optional.of(settings.secret()));
        try {
            api = new ServiceHttpApi(new Operations(), settings.topologyId(), settings.host());
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot start the scheduler HTTP API: " + e, e);
        }
        api.start();
        endpoint = api.endpoint();
        framework =
                new TopologyFramework(master, settings.framework(), template, demands, recorded, this::journal, log);
        framework.start();
        boolean subscribed;
        try {
            subscribed = framework.awaitSubscribed(settings.subscribeTimeout());
        } catch (MesosException e) {
            throw EgretException.userError(
                    "the Mesos master refused framework '" + settings.frameworkName() + "': " + e.getMessage());
        }
        if (!subscribed) {
            throw EgretException.unreachable(
                    "the Mesos master at " + settings.master() + " did not acknowledge framework '"
                            + settings.frameworkName() + "' within " + settings.subscribeTimeout(),
                    null);
        }
        log.accept("scheduler service of " + name + " (" + settings.topologyId() + ") serving on " + endpoint
                + " as framework " + framework.frameworkId().orElse("?") + recordedNote(recorded));
        Thread watcher = new Thread(
                () -> {
                    try {
                        stop(framework.awaitEnded());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mesos-framework-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Blocks until the service stopped; returns why. */
    public String awaitStopped() throws InterruptedException {
        stopped.await();
        return stopReason.orElse("stopped");
    }

    /** Disconnects from the master without killing anything (the master keeps the tasks for the failover timeout). */
    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        if (framework != null) {
            framework.close();
        }
    }

    private void stop(String reason) {
        stopReason = Optional.of(reason);
        stopped.countDown();
    }

    private void journal(RecordedTasks recorded) {
        if (recorded.frameworkId().isEmpty() || endpoint == null) {
            return;
        }
        synchronized (journalLock) {
            stateStore.putSchedulerLocation(
                    settings.name(), new SchedulerLocation(endpoint.toString(), recorded.toLinks(framework.master())));
        }
    }

    private static String recordedNote(RecordedTasks recorded) {
        return recorded.frameworkId().isPresent()
                ? " (took over " + recorded.tasks().size() + " recorded tasks)"
                : "";
    }

    /** The heap bound of a container's executor; one the service has no size for gets the largest bound. */
    private long heapMb(int containerId) {
        Long heap = heaps.get(containerId);
        if (heap != null) {
            return heap;
        }
        return heaps.values().stream().max(Long::compare).orElse(ExecutorHeap.TOPOLOGY_MASTER_HEAP_MB);
    }

    static Demand demand(Resources resources, int ports) {
        return Demand.of(
                resources.cpu(), resources.ram().megabytes(), resources.disk().megabytes(), ports);
    }

    static java.net.URI masterUri(String value) {
        try {
            return MasterClient.masterUri(value);
        } catch (IllegalArgumentException e) {
            throw EgretException.userError(e.getMessage() + " (heron.mesos.master.uri)");
        }
    }

    private static Duration timeout(JsonNode request, Duration fallback) {
        JsonNode millis = request.get("timeoutMillis");
        return millis == null || millis.isNull() ? fallback : Duration.ofMillis(millis.asLong());
    }

    private static List<Integer> containerIds(JsonNode request) {
        JsonNode containers = request.get("containers");
        if (containers == null || !containers.isArray()) {
            throw EgretException.userError("the request needs \"containers\": [container ids]");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : containers) {
            if (!id.canConvertToInt()) {
                throw EgretException.userError("not a container id: " + id);
            }
            ids.add(id.intValue());
        }
        return ids;
    }

    /** The HTTP API's operations on the framework. */
    private final class Operations implements ServiceHttpApi.Operations {
        @Override
        public void kill(JsonNode request) throws InterruptedException {
            List<String> left = framework.killAll(timeout(request, Duration.ofSeconds(60)));
            if (!left.isEmpty()) {
                log.accept("tasks without a confirmed end before teardown: " + left);
            }
        }

        @Override
        public void restart(JsonNode request) {
            JsonNode id = request.get("containerId");
            framework.restart(id == null || id.isNull() ? OptionalInt.empty() : OptionalInt.of(id.asInt()));
        }

        @Override
        public void add(JsonNode request) {
            // The request carries each new container's size: the plan holding them is stored only afterwards.
            int ports = template.portCount();
            JsonNode sizes = request.path("resources");
            Map<Integer, Demand> added = new LinkedHashMap<>();
            for (Integer id : containerIds(request)) {
                JsonNode size = sizes.get(Integer.toString(id));
                if (size == null
                        || !size.path("cpu").isNumber()
                        || !size.path("ramMb").isNumber()
                        || !size.path("diskMb").isNumber()) {
                    throw EgretException.userError("container " + id + " needs \"resources\": {\"" + id
                            + "\": {\"cpu\", \"ramMb\", \"diskMb\"}}");
                }
                added.put(
                        id,
                        Demand.of(
                                size.get("cpu").asDouble(),
                                size.get("ramMb").asDouble(),
                                size.get("diskMb").asDouble(),
                                ports));
                heaps.put(
                        id,
                        ExecutorHeap.megabytes(
                                ByteAmount.ofMegabytes(size.get("ramMb").asLong()),
                                ByteAmount.ofMegabytes(
                                        size.path("instancesRamMb").asLong(0)),
                                topologyConfig));
            }
            try {
                framework.add(added);
            } catch (IllegalArgumentException e) {
                throw EgretException.conflict(e.getMessage());
            }
        }

        @Override
        public void remove(JsonNode request) throws InterruptedException {
            Set<Integer> left =
                    framework.remove(new HashSet<>(containerIds(request)), timeout(request, settings.requestTimeout()));
            if (!left.isEmpty()) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "containers " + left + " did not end in time; they are still being killed",
                        null);
            }
        }

        @Override
        public Iterable<ContainerStatus> status() {
            return framework.status();
        }

        @Override
        public void afterKill() {
            stop("killed");
        }
    }
}
