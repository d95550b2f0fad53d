package io.egret.executor;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.executor.master.ControlHttpServer;
import io.egret.executor.master.TopologyMaster;
import io.egret.executor.packaging.SerializedComponentFactory;
import io.egret.executor.runtime.ComponentCounters;
import io.egret.executor.runtime.ContainerRuntime;
import io.egret.executor.runtime.StreamManager;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs a whole topology inside this JVM: a topology master with its HTTP control API and one stream manager per
 * container of the packing plan, talking over loopback TCP exactly as separate containers do. For trying a
 * topology out, for tests and for benchmarks; a deployment runs {@link ExecutorMain} per container instead.
 */
public final class EmbeddedTopology implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final TopologyDefinition definition;
    private final TopologyId topologyId;
    private final InProcessStateStore stateStore = new InProcessStateStore();
    private final ClassLoader classLoader;
    private final RuntimeOptions options;
    private final TopologyMaster master;
    private final ControlHttpServer http;
    private final Map<Integer, StreamManager> streamManagers = new TreeMap<>();
    private final List<Throwable> failures = new ArrayList<>();

    private EmbeddedTopology(
            TopologyDefinition definition, PackingPlan packingPlan, ClassLoader classLoader, RuntimeOptions options)
            throws IOException {
        this.definition = definition;
        this.classLoader = classLoader;
        this.options = options;
        this.topologyId = TopologyId.newFor(definition.name(), UUID.randomUUID());
        stateStore.create(
                definition,
                packingPlan,
                new ExecutionState(
                        definition.name(),
                        topologyId,
                        new ClusterTarget("embedded", "embedded", ClusterTarget.DEFAULT_ENVIRON),
                        System.getProperty("user.name", "embedded"),
                        Instant.now(),
                        "embedded",
                        TopologyState.RUNNING,
                        Optional.empty()));
        this.master = new TopologyMaster(
                new TopologyMaster.Settings(definition.name(), topologyId, LOOPBACK, LOOPBACK, 0),
                stateStore,
                Duration.ofSeconds(15));
        this.http = new ControlHttpServer(master, LOOPBACK, 0);
        http.start();
        master.start(http.port());
        for (ContainerPlan container : packingPlan.containers()) {
            startContainer(container.id());
        }
    }

    /**
     * Starts the topology and waits (at most {@code timeout}) until its physical plan is published.
     *
     * @param classLoader loads the spout and bolt classes named in the definition
     */
    public static EmbeddedTopology start(
            TopologyDefinition definition,
            PackingPlan packingPlan,
            ClassLoader classLoader,
            RuntimeOptions options,
            Duration timeout) {
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(classLoader, "classLoader is null");
        requireNonNull(options, "options is null");
        EmbeddedTopology topology;
        try {
            topology = new EmbeddedTopology(definition, packingPlan, classLoader, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedded topology's ports", e);
        }
        try {
            topology.awaitPhysicalPlan(timeout);
        } catch (RuntimeException e) {
            topology.close();
            throw e;
        }
        return topology;
    }

    /**
     * A plan that deals instances over {@code containers} containers round robin, in definition order, each
     * instance with 0.5 cores, 256 MB RAM and 256 MB disk. Enough for embedded runs; deployments pack with the
     * configured algorithm.
     */
    public static PackingPlan roundRobinPlan(TopologyDefinition definition, int containers) {
        Resources instance = new Resources(0.5, ByteAmount.ofMegabytes(256), ByteAmount.ofMegabytes(256));
        List<List<InstancePlan>> byContainer = new ArrayList<>();
        for (int container = 0; container < containers; container++) {
            byContainer.add(new ArrayList<>());
        }
        int taskId = 1;
        int next = 0;
        for (ComponentDefinition component : definition.components()) {
            for (int index = 0; index < component.parallelism(); index++) {
                byContainer
                        .get(next)
                        .add(new InstancePlan(new InstanceId(component.name(), taskId++, index), instance));
                next = (next + 1) % containers;
            }
        }
        List<ContainerPlan> plans = new ArrayList<>();
        for (int container = 0; container < containers; container++) {
            Resources required = Resources.ZERO;
            for (InstancePlan placed : byContainer.get(container)) {
                required = required.plus(placed.resources());
            }
            plans.add(new ContainerPlan(container + 1, byContainer.get(container), required));
        }
        return new PackingPlan("RoundRobin", plans);
    }

    /** Where the topology master listens; its controller port serves the HTTP control API. */
    public TopologyMasterLocation masterLocation() {
        return stateStore
                .read(definition.name())
                .flatMap(StoredTopology::topologyMaster)
                .orElseThrow();
    }

    public TopologyId topologyId() {
        return topologyId;
    }

    /** The master's status: state, counts per component, liveness per container. */
    public TopologyRuntimeStatus status() {
        return master.status();
    }

    /** Makes spouts emit; returns once the master confirms. */
    public void activate() {
        check(master.activate(topologyId.value()));
    }

    /** Makes spouts stop; returns once every container confirmed that its spouts stopped. */
    public void deactivate() {
        check(master.deactivate(topologyId.value()));
    }

    /**
     * Applies runtime-config items ({@code [COMPONENT:]NAME:VALUE}, as {@code heron update --runtime-config}
     * sends them) to every instance; returns once every container confirmed.
     */
    public void updateRuntimeConfig(List<String> items) {
        requireNonNull(items, "items is null");
        check(master.updateRuntimeConfig(topologyId.value(), items));
    }

    /** The state store the topology's processes share (tests change records behind the master's back). */
    InProcessStateStore stateStore() {
        return stateStore;
    }

    /** Counts of one container's instances per component, read directly (no heartbeat delay). */
    public synchronized Map<String, ComponentStatistics> counters(int containerId) {
        StreamManager streamManager = streamManagers.get(containerId);
        Map<String, ComponentStatistics> result = new TreeMap<>();
        if (streamManager == null) {
            return result;
        }
        Map<String, ComponentCounters> counters =
                streamManager.runtime().map(ContainerRuntime::counters).orElse(Map.of());
        counters.forEach((component, count) -> result.put(
                component,
                new ComponentStatistics(
                        component,
                        count.instances(),
                        count.emitted(),
                        count.executed(),
                        count.failures(),
                        count.acked(),
                        count.failed(),
                        count.replayed(),
                        count.dropped())));
        return result;
    }

    /** Stops one container as if its process died. */
    public synchronized void stopContainer(int containerId) {
        StreamManager streamManager = streamManagers.remove(containerId);
        if (streamManager != null) {
            streamManager.close();
        }
    }

    /** Starts a container again (after {@link #stopContainer}); it rejoins the physical plan. */
    public synchronized void startContainer(int containerId) throws IOException {
        StreamManager streamManager = new StreamManager(
                new StreamManager.Settings(topologyId, containerId, LOOPBACK, LOOPBACK, 0),
                definition,
                stateStore,
                new SerializedComponentFactory(classLoader),
                classLoader,
                options,
                this::failed);
        streamManagers.put(containerId, streamManager);
        streamManager.start();
    }

    /**
     * Publishes a new packing plan (as {@code heron update} does), starting containers that are new in it and
     * stopping those it no longer has once the new physical plan is published. Every container restarts its
     * instances on the new plan.
     */
    public synchronized void updatePackingPlan(PackingPlan newPlan, Duration timeout) throws IOException {
        requireNonNull(newPlan, "newPlan is null");
        StoredTopology stored = stateStore.read(definition.name()).orElseThrow();
        PackingPlan oldPlan = stored.packingPlan().orElseThrow();
        stateStore.replacePlan(
                stored.definition().orElseThrow(), oldPlan, stored.definition().orElseThrow(), newPlan);
        for (ContainerPlan container : newPlan.containers()) {
            if (!streamManagers.containsKey(container.id())) {
                startContainer(container.id());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (master.physicalPlan()
                .map(plan -> !plan.packingPlan().equals(newPlan))
                .orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "the new packing plan was not published within " + timeout.toSeconds() + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EgretException(ErrorCode.INTERNAL, "interrupted while updating", e);
            }
        }
        for (Integer containerId : List.copyOf(streamManagers.keySet())) {
            if (newPlan.container(containerId).isEmpty()) {
                stopContainer(containerId);
            }
        }
    }

    /** Errors that stopped an instance, in order. */
    public synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private synchronized void failed(Throwable failure) {
        failures.add(failure);
    }

    private void awaitPhysicalPlan(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (master.physicalPlan().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "the embedded topology did not publish a physical plan within " + timeout.toSeconds() + " s");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EgretException(ErrorCode.INTERNAL, "interrupted while starting", e);
            }
        }
    }

    private static void check(TopologyMaster.ControlResult result) {
        if (result.httpStatus() != 200) {
            throw new EgretException(
                    result.httpStatus() == 400 ? ErrorCode.CONFLICT : ErrorCode.INTERNAL, result.message());
        }
    }

    /** Stops every container cleanly, then the master. */
    @Override
    public synchronized void close() {
        for (StreamManager streamManager : streamManagers.values()) {
            streamManager.close();
        }
        streamManagers.clear();
        http.close();
        master.close();
        stateStore.close();
    }

    /** Convenience for topologies whose classes the caller's class loader sees. */
    public static EmbeddedTopology start(TopologyDefinition definition, int containers) {
        return start(
                definition,
                roundRobinPlan(definition, containers),
                Thread.currentThread().getContextClassLoader(),
                RuntimeOptions.DEFAULTS,
                Duration.ofSeconds(20));
    }
}
