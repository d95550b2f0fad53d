package io.egret.executor.master;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.executor.protocol.ControlChannel;
import io.egret.executor.protocol.ControlMessage;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The topology master (container 0): registers its location in the state store, collects stream-manager
 * registrations, publishes the physical plan once every container of the packing plan registered (and again
 * whenever one rejoins or the plan changes), turns activate and deactivate requests into spouts starting and
 * stopping in every container, and hands runtime-config updates to every container (keeping them, so that a
 * container that registers later gets them too).
 */
public final class TopologyMaster implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger(TopologyMaster.class.getName());
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final long ALIVE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Settings settings;
    private final StateStorePort stateStore;
    private final Duration stateChangeTimeout;
    private final ServerSocket server;
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, ControlMessage.Counts>> earlierCounts = new ConcurrentHashMap<>();
    private final Object stateChange = new Object();
    private final Object acknowledgements = new Object();
    private final Map<Integer, Boolean> awaiting = new HashMap<>();
    /** The request whose confirmations {@link #awaiting} collects; guarded by {@link #acknowledgements}. */
    private long awaitedRequest = -1;
    /** Every runtime-config override applied since this master started, in order; guarded by this. */
    private final List<RuntimeConfigChange> runtimeConfig = new ArrayList<>();

    private final Thread acceptThread;
    private PackingPlan packingPlan;
    private TopologyState state;
    private long version;
    private long requestId;
    private PhysicalPlan published;
    private volatile boolean running = true;
    private StateStorePort.Watch watch;

    /**
     * Where the master runs.
     *
     * @param host the address stream managers and the CLI use to reach this process
     * @param serverPort the port stream managers register on, 0 for an ephemeral port
     */
    public record Settings(TopologyName name, TopologyId topologyId, String host, String bindHost, int serverPort) {
        public Settings {
            requireNonNull(name, "name is null");
            requireNonNull(topologyId, "topologyId is null");
            requireNonNull(host, "host is null");
            requireNonNull(bindHost, "bindHost is null");
        }
    }

    /**
     * Reads the packing plan and the execution state (a topology submitted deactivated starts with spouts
     * stopped) and opens the server port.
     *
     * @throws io.egret.domain.error.EgretException {@code NOT_FOUND} if the store has no packing plan of this
     *     topology id
     */
    public TopologyMaster(Settings settings, StateStorePort stateStore, Duration stateChangeTimeout)
            throws IOException {
        this.settings = requireNonNull(settings, "settings is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.stateChangeTimeout = requireNonNull(stateChangeTimeout, "stateChangeTimeout is null");
        StoredTopology stored = stateStore
                .read(settings.name())
                .orElseThrow(() -> EgretException.notFound(
                        "topology '" + settings.name() + "' has no records in the state store"));
        this.packingPlan = stored.packingPlan()
                .orElseThrow(() -> EgretException.notFound(
                        "topology '" + settings.name() + "' has no packing plan in the state store"));
        Optional<ExecutionState> executionState = stored.executionState();
        if (executionState.isPresent() && !executionState.get().id().equals(settings.topologyId())) {
            throw EgretException.conflict(
                    "the state store holds topology id " + executionState.get().id() + " for '" + settings.name()
                            + "', but this topology master was started for " + settings.topologyId());
        }
        this.state = initialState(stored, settings.topologyId());
        this.version = stored.physicalPlan()
                .filter(plan -> plan.topologyId().equals(settings.topologyId()))
                .map(PhysicalPlan::version)
                .orElse(0L);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(settings.bindHost(), settings.serverPort()));
        this.acceptThread = new Thread(this::acceptLoop, "tmaster-accept");
        acceptThread.setDaemon(true);
    }

    /**
     * A restarted master resumes the state its predecessor published; a new one starts paused only when the
     * topology was submitted deactivated.
     */
    private static TopologyState initialState(StoredTopology stored, TopologyId topologyId) {
        Optional<PhysicalPlan> earlier =
                stored.physicalPlan().filter(plan -> plan.topologyId().equals(topologyId));
        if (earlier.isPresent()) {
            return earlier.get().state();
        }
        boolean paused = stored.executionState()
                .map(ExecutionState::state)
                .filter(storedState -> storedState == TopologyState.PAUSED)
                .isPresent();
        return paused ? TopologyState.PAUSED : TopologyState.RUNNING;
    }

    /** Starts accepting stream managers and records the master's location with the given controller port. */
    public void start(int controllerPort) {
        acceptThread.start();
        watch = stateStore.watch(settings.name(), StateNode.PACKING_PLAN, this::packingPlanChanged);
        stateStore.putTopologyMasterLocation(
                settings.name(),
                new TopologyMasterLocation(settings.topologyId(), settings.host(), controllerPort, serverPort()));
        LOGGER.log(
                Level.INFO,
                "topology master of " + settings.name() + " (" + settings.topologyId()
                        + ") serves stream managers on port " + serverPort() + " and control on port "
                        + controllerPort);
    }

    public int serverPort() {
        return server.getLocalPort();
    }

    public TopologyId topologyId() {
        return settings.topologyId();
    }

    /** The outcome of an activate or deactivate request, as the HTTP API reports it. */
    public record ControlResult(int httpStatus, String message) {}

    /** Makes spouts emit. Idempotent. */
    public ControlResult activate(String topologyId) {
        return changeState(topologyId, TopologyState.RUNNING);
    }

    /** Makes spouts stop and returns once they stopped in every registered container. Idempotent. */
    public ControlResult deactivate(String topologyId) {
        return changeState(topologyId, TopologyState.PAUSED);
    }

    private ControlResult changeState(String topologyId, TopologyState target) {
        String verb = target == TopologyState.RUNNING ? "activated" : "deactivated";
        Optional<ControlResult> wrongId = checkTopologyId(topologyId);
        if (wrongId.isPresent()) {
            return wrongId.get();
        }
        synchronized (stateChange) {
            long request;
            List<Session> targets;
            synchronized (this) {
                if (state == target) {
                    return new ControlResult(200, "Topology " + settings.name() + " is already " + verb);
                }
                state = target;
                request = ++requestId;
                targets = new ArrayList<>(sessions.values());
                expect(request, targets);
            }
            for (Session session : targets) {
                try {
                    session.channel.send(new ControlMessage.SetState(request, target));
                } catch (IOException e) {
                    // The container is gone; when it rejoins, the plan it receives carries the new state.
                    release(session.containerId);
                    session.channel.close();
                }
            }
            List<Integer> late = awaitAcknowledgements();
            publishIfComplete();
            if (!late.isEmpty()) {
                return new ControlResult(
                        500,
                        "spouts of container(s) " + late + " did not confirm within " + stateChangeTimeout.toSeconds()
                                + " s; the topology is marked " + target);
            }
            LOGGER.log(Level.INFO, "topology " + settings.name() + " " + verb);
            return new ControlResult(200, "Topology " + settings.name() + " successfully " + verb);
        }
    }

    /**
     * Applies runtime-config items ({@code [COMPONENT:]NAME:VALUE}) in every registered container and returns once
     * each confirmed. The master keeps them, so containers that register later get them as well.
     */
    public ControlResult updateRuntimeConfig(String topologyId, List<String> items) {
        Optional<ControlResult> wrongId = checkTopologyId(topologyId);
        if (wrongId.isPresent()) {
            return wrongId.get();
        }
        if (items == null || items.isEmpty()) {
            return new ControlResult(400, "missing query parameter runtime-config");
        }
        List<RuntimeConfigChange> changes = new ArrayList<>();
        Set<String> components;
        synchronized (this) {
            components = packingPlan.componentCounts().keySet();
        }
        for (String item : items) {
            RuntimeConfigChange change;
            try {
                change = RuntimeConfigChange.parse(item);
            } catch (EgretException e) {
                return new ControlResult(400, e.getMessage());
            }
            if (change.component().isPresent()
                    && !components.contains(change.component().get())) {
                return new ControlResult(
                        400,
                        "unknown component '" + change.component().get() + "' in runtime config '" + item
                                + "'; components are " + components);
            }
            changes.add(change);
        }
        synchronized (stateChange) {
            long request;
            List<Session> targets;
            List<String> all;
            synchronized (this) {
                runtimeConfig.addAll(changes);
                all = items(runtimeConfig);
                request = ++requestId;
                targets = new ArrayList<>(sessions.values());
                expect(request, targets);
            }
            for (Session session : targets) {
                try {
                    session.channel.send(new ControlMessage.RuntimeConfig(request, all));
                } catch (IOException e) {
                    // The container is gone; when it rejoins, it gets every override on registration.
                    release(session.containerId);
                    session.channel.close();
                }
            }
            List<Integer> late = awaitAcknowledgements();
            if (!late.isEmpty()) {
                return new ControlResult(
                        500,
                        "container(s) " + late + " did not confirm the runtime config within "
                                + stateChangeTimeout.toSeconds() + " s; the master keeps it and sends it again"
                                + " when they register");
            }
            LOGGER.log(Level.INFO, "topology " + settings.name() + " runtime config updated: " + items);
            return new ControlResult(200, "Topology " + settings.name() + " runtime config updated: " + items);
        }
    }

    /** Every runtime-config override applied since this master started, in order. */
    public synchronized List<RuntimeConfigChange> runtimeConfig() {
        return List.copyOf(runtimeConfig);
    }

    private Optional<ControlResult> checkTopologyId(String topologyId) {
        if (topologyId == null || topologyId.isBlank()) {
            return Optional.of(new ControlResult(400, "missing query parameter topologyid"));
        }
        if (!topologyId.equals(settings.topologyId().value())) {
            return Optional.of(new ControlResult(
                    400,
                    "topology id '" + topologyId + "' does not match this topology master (" + settings.topologyId()
                            + "); the topology was resubmitted"));
        }
        return Optional.empty();
    }

    private static List<String> items(List<RuntimeConfigChange> changes) {
        return changes.stream().map(RuntimeConfigChange::item).toList();
    }

    /** Starts collecting confirmations of {@code request} from {@code targets}. */
    private void expect(long request, List<Session> targets) {
        synchronized (acknowledgements) {
            awaiting.clear();
            awaitedRequest = request;
            for (Session session : targets) {
                awaiting.put(session.containerId, Boolean.FALSE);
            }
        }
    }

    private List<Integer> awaitAcknowledgements() {
        long deadline = System.nanoTime() + stateChangeTimeout.toNanos();
        synchronized (acknowledgements) {
            while (awaiting.containsValue(Boolean.FALSE)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(acknowledgements, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<Integer> late = new ArrayList<>();
            awaiting.forEach((container, done) -> {
                if (!done) {
                    late.add(container);
                }
            });
            awaiting.clear();
            return late;
        }
    }

    private void acknowledge(int containerId, long request, boolean applied) {
        synchronized (acknowledgements) {
            // A late answer to an earlier request (or to the overrides sent on registration) confirms nothing.
            if (request == awaitedRequest && awaiting.containsKey(containerId) && applied) {
                awaiting.put(containerId, Boolean.TRUE);
                acknowledgements.notifyAll();
            }
        }
    }

    /** A container that left confirms nothing more: stop waiting for it. */
    private void release(int containerId) {
        synchronized (acknowledgements) {
            if (awaiting.containsKey(containerId)) {
                awaiting.put(containerId, Boolean.TRUE);
                acknowledgements.notifyAll();
            }
        }
    }

    /** The master's view: state, counts per component since the master started, and liveness per container. */
    public TopologyRuntimeStatus status() {
        PackingPlan plan;
        TopologyState current;
        synchronized (this) {
            plan = packingPlan;
            current = state;
        }
        Map<String, ControlMessage.Counts> totals = new TreeMap<>();
        for (String component : plan.componentCounts().keySet()) {
            totals.put(component, new ControlMessage.Counts(0, 0, 0, 0, 0, 0, 0, 0));
        }
        List<Map<String, ControlMessage.Counts>> all = new ArrayList<>(earlierCounts.values());
        for (Session session : sessions.values()) {
            all.add(session.counts);
        }
        for (Map<String, ControlMessage.Counts> counts : all) {
            counts.forEach((component, count) -> totals.computeIfPresent(component, (key, total) -> sum(total, count)));
        }
        List<ComponentStatistics> components = new ArrayList<>();
        Map<String, Integer> instances = plan.componentCounts();
        totals.forEach((component, total) -> components.add(new ComponentStatistics(
                component,
                instances.get(component),
                total.emitted(),
                total.executed(),
                total.failures(),
                total.acked(),
                total.failed(),
                total.replayed(),
                total.dropped())));
        Map<Integer, Boolean> alive = new LinkedHashMap<>();
        long now = System.nanoTime();
        for (ContainerPlan container : plan.containers()) {
            Session session = sessions.get(container.id());
            alive.put(container.id(), session != null && now - session.lastHeartbeat < ALIVE_NANOS);
        }
        return new TopologyRuntimeStatus(current, components, alive);
    }

    /** The physical plan last published, if every container registered at least once. */
    public synchronized Optional<PhysicalPlan> physicalPlan() {
        return Optional.ofNullable(published);
    }

    private void publishIfComplete() {
        PhysicalPlan plan;
        List<Session> targets;
        synchronized (this) {
            List<StreamManagerLocation> locations = new ArrayList<>();
            for (ContainerPlan container : packingPlan.containers()) {
                Session session = sessions.get(container.id());
                if (session == null) {
                    return;
                }
                locations.add(session.location);
            }
            version++;
            plan = new PhysicalPlan(settings.topologyId(), version, state, packingPlan, locations);
            published = plan;
            targets = new ArrayList<>(sessions.values());
        }
        try {
            stateStore.putPhysicalPlan(settings.name(), plan);
        } catch (RuntimeException e) {
            LOGGER.log(
                    Level.WARNING, "cannot store physical plan version " + plan.version() + ": " + e.getMessage(), e);
        }
        for (Session session : targets) {
            try {
                session.channel.send(new ControlMessage.PlanUpdate(plan));
            } catch (IOException e) {
                session.channel.close();
            }
        }
        LOGGER.log(
                Level.INFO,
                "published physical plan version " + plan.version() + " (" + plan.state() + ", "
                        + plan.streamManagers().size() + " containers)");
    }

    private void packingPlanChanged() {
        try {
            Optional<PackingPlan> latest = stateStore.read(settings.name()).flatMap(StoredTopology::packingPlan);
            synchronized (this) {
                if (latest.isEmpty() || latest.get().equals(packingPlan)) {
                    return;
                }
                packingPlan = latest.get();
            }
            LOGGER.log(Level.INFO, "the packing plan changed; publishing once its containers registered");
            publishIfComplete();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot read the changed packing plan: " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket socket = server.accept();
                Thread thread = new Thread(() -> serve(socket), "tmaster-session");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (running) {
                    LOGGER.log(Level.WARNING, "accepting a stream manager failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        Session session = null;
        try (socket) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            ControlChannel channel = new ControlChannel(socket);
            ControlMessage first = channel.receive();
            if (!(first instanceof ControlMessage.Register register)) {
                channel.send(new ControlMessage.Refused("expected a registration, got " + first));
                return;
            }
            Optional<String> refusal = refusal(register);
            if (refusal.isPresent()) {
                LOGGER.log(Level.WARNING, "refused a stream manager: " + refusal.get());
                channel.send(new ControlMessage.Refused(refusal.get()));
                return;
            }
            session = new Session(
                    register.containerId(),
                    channel,
                    new StreamManagerLocation(register.containerId(), register.host(), register.dataPort()));
            register(session);
            while (running) {
                ControlMessage message = channel.receive();
                if (message instanceof ControlMessage.Heartbeat heartbeat) {
                    session.counts = heartbeat.components();
                    session.lastHeartbeat = System.nanoTime();
                    channel.send(new ControlMessage.HeartbeatAck());
                } else if (message instanceof ControlMessage.StateApplied applied) {
                    acknowledge(applied.containerId(), applied.requestId(), applied.applied());
                } else if (message instanceof ControlMessage.RuntimeConfigApplied applied) {
                    acknowledge(applied.containerId(), applied.requestId(), true);
                }
            }
        } catch (EOFException | SocketException e) {
            // The stream manager closed or died; it is marked not alive below.
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "stream manager session failed: " + e, e);
        } finally {
            if (session != null) {
                unregister(session);
            }
        }
    }

    private Optional<String> refusal(ControlMessage.Register register) {
        if (!register.topologyId().equals(settings.topologyId().value())) {
            return Optional.of("container " + register.containerId() + " runs topology id " + register.topologyId()
                    + ", this master serves " + settings.topologyId());
        }
        synchronized (this) {
            if (packingPlan.container(register.containerId()).isEmpty()) {
                return Optional.of("container " + register.containerId() + " is not in the packing plan");
            }
        }
        return Optional.empty();
    }

    private void register(Session session) throws IOException {
        PhysicalPlan current;
        List<String> overrides;
        synchronized (this) {
            Session previous = sessions.put(session.containerId, session);
            if (previous != null) {
                retire(previous);
                previous.channel.close();
            }
            current = published;
            // Read together with the registration: an update from now on includes this session.
            overrides = items(runtimeConfig);
        }
        LOGGER.log(
                Level.INFO,
                "container " + session.containerId + " registered from " + session.location.host() + ":"
                        + session.location.dataPort());
        if (!overrides.isEmpty()) {
            // Before the plan, so that the instances it starts already see the overrides. Request 0 is never awaited.
            session.channel.send(new ControlMessage.RuntimeConfig(0, overrides));
        }
        if (current != null) {
            // A late or returning container learns the topology's state before the next plan is complete.
            session.channel.send(new ControlMessage.PlanUpdate(current));
        }
        publishIfComplete();
    }

    private void unregister(Session session) {
        synchronized (this) {
            if (sessions.remove(session.containerId, session)) {
                retire(session);
                LOGGER.log(Level.WARNING, "container " + session.containerId + " left");
            }
        }
        release(session.containerId);
    }

    /** Keeps a departed session's counts so that the topology's totals never go backwards. */
    private void retire(Session session) {
        Map<String, ControlMessage.Counts> counts = session.counts;
        session.counts = Map.of();
        earlierCounts.merge(session.containerId, counts, (earlier, later) -> {
            Map<String, ControlMessage.Counts> merged = new HashMap<>(earlier);
            later.forEach((component, count) -> merged.merge(
                    component,
                    count,
                    (a, b) -> new ControlMessage.Counts(
                            a.instances(),
                            a.emitted() + b.emitted(),
                            a.executed() + b.executed(),
                            a.failures() + b.failures(),
                            a.acked() + b.acked(),
                            a.failed() + b.failed(),
                            a.replayed() + b.replayed(),
                            a.dropped() + b.dropped())));
            return merged;
        });
    }

    /** Counts added up; the instance count is the first's (instances are counted from the plan). */
    private static ControlMessage.Counts sum(ControlMessage.Counts a, ControlMessage.Counts b) {
        return new ControlMessage.Counts(
                a.instances(),
                a.emitted() + b.emitted(),
                a.executed() + b.executed(),
                a.failures() + b.failures(),
                a.acked() + b.acked(),
                a.failed() + b.failed(),
                a.replayed() + b.replayed(),
                a.dropped() + b.dropped());
    }

    /** Containers currently registered. */
    public Set<Integer> registeredContainers() {
        return Set.copyOf(sessions.keySet());
    }

    @Override
    public void close() {
        running = false;
        if (watch != null) {
            watch.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "closing the server port failed: " + e.getMessage());
        }
        for (Session session : sessions.values()) {
            session.channel.close();
        }
    }

    private static final class Session {
        private final int containerId;
        private final ControlChannel channel;
        private final StreamManagerLocation location;
        private volatile Map<String, ControlMessage.Counts> counts = Map.of();
        private volatile long lastHeartbeat = System.nanoTime();

        private Session(int containerId, ControlChannel channel, StreamManagerLocation location) {
            this.containerId = containerId;
            this.channel = channel;
            this.location = location;
        }
    }
}
