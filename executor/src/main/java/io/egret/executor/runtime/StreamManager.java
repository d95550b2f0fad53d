package io.egret.executor.runtime;

import static java.util.Objects.requireNonNull;

import com.esotericsoftware.kryo.io.Input;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.executor.RuntimeOptions;
import io.egret.executor.protocol.ControlChannel;
import io.egret.executor.protocol.ControlMessage;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A container's stream manager: registers with the topology master found in the state store, starts this
 * container's instances once the physical plan is complete, sends tuples for other containers over TCP and
 * delivers tuples arriving from them. It re-registers whenever the master connection breaks, so a restarted
 * master or a restarted container finds its way back into the plan.
 */
public final class StreamManager implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger(StreamManager.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int MASTER_READ_TIMEOUT_MILLIS = 5_000;
    private static final long HEARTBEAT_MILLIS = 500;
    private static final Duration DEACTIVATE_TIMEOUT = Duration.ofSeconds(10);
    /** A frame holds one batch; even a batch of large values stays far below this. */
    private static final int MAX_FRAME = 256 * 1024 * 1024;

    private final Settings settings;
    private final TopologyDefinition definition;
    private final StateStorePort stateStore;
    private final ComponentFactory components;
    private final ClassLoader topologyClassLoader;
    private final RuntimeOptions options;
    private final Consumer<Throwable> fatal;
    private final ServerSocket dataServer;
    private final Object wakeUp = new Object();
    private final Map<Integer, RemoteLink> links = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats;
    private final Thread masterThread;
    private final Thread acceptThread;
    private volatile ContainerRuntime runtime;
    /** Every runtime-config override the master sent, in order; guarded by this stream manager's monitor. */
    private List<RuntimeConfigChange> runtimeConfig = List.of();

    private volatile ControlChannel channel;
    private volatile boolean running = true;
    private StateStorePort.Watch watch;

    /**
     * Where this stream manager runs.
     *
     * @param host the address other containers use to reach the data port
     * @param dataPort 0 for an ephemeral port
     */
    public record Settings(TopologyId topologyId, int containerId, String host, String bindHost, int dataPort) {
        public Settings {
            requireNonNull(topologyId, "topologyId is null");
            requireNonNull(host, "host is null");
            requireNonNull(bindHost, "bindHost is null");
        }
    }

    public StreamManager(
            Settings settings,
            TopologyDefinition definition,
            StateStorePort stateStore,
            ComponentFactory components,
            ClassLoader topologyClassLoader,
            RuntimeOptions options,
            Consumer<Throwable> fatal)
            throws IOException {
        this.settings = requireNonNull(settings, "settings is null");
        this.definition = requireNonNull(definition, "definition is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.components = requireNonNull(components, "components is null");
        this.topologyClassLoader = requireNonNull(topologyClassLoader, "topologyClassLoader is null");
        this.options = requireNonNull(options, "options is null");
        this.fatal = requireNonNull(fatal, "fatal is null");
        this.dataServer = new ServerSocket();
        dataServer.setReuseAddress(true);
        dataServer.bind(new InetSocketAddress(settings.bindHost(), settings.dataPort()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stmgr-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        this.masterThread = new Thread(this::masterLoop, "stmgr-master-client");
        this.acceptThread = new Thread(this::acceptLoop, "stmgr-data-accept");
        masterThread.setDaemon(true);
        acceptThread.setDaemon(true);
    }

    public void start() {
        watch = stateStore.watch(definition.name(), StateNode.TOPOLOGY_MASTER, this::wake);
        acceptThread.start();
        masterThread.start();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The bound data port (useful when 0 was asked for). */
    public int dataPort() {
        return dataServer.getLocalPort();
    }

    /** The running instances, once the physical plan arrived. */
    public Optional<ContainerRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }

    private void wake() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void masterLoop() {
        // Warn once per outage, not on every retry while the master is down.
        boolean warned = false;
        while (running) {
            Optional<TopologyMasterLocation> location = masterLocation();
            if (location.isEmpty()) {
                waitForWakeUp(500);
                continue;
            }
            TopologyMasterLocation master = location.get();
            String endpoint = master.host() + ":" + master.serverPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(master.host(), master.serverPort()), CONNECT_TIMEOUT_MILLIS);
                socket.setSoTimeout(MASTER_READ_TIMEOUT_MILLIS);
                ControlChannel connected = new ControlChannel(socket);
                connected.send(new ControlMessage.Register(
                        settings.topologyId().value(), settings.containerId(), settings.host(), dataPort()));
                channel = connected;
                warned = false;
                LOGGER.log(
                        Level.INFO,
                        "container " + settings.containerId() + " registered with the topology master at " + endpoint);
                while (running) {
                    handle(connected, connected.receive());
                }
            } catch (EOFException e) {
                warned = warnOnce(warned, "the topology master at " + endpoint + " closed the connection");
            } catch (IOException | RuntimeException e) {
                warned = warnOnce(warned, "the topology master at " + endpoint + " is unreachable: " + e);
            } finally {
                channel = null;
            }
            waitForWakeUp(500);
        }
    }

    private boolean warnOnce(boolean warned, String message) {
        if (running && !warned) {
            LOGGER.log(Level.WARNING, message + "; registering again when it is back");
        }
        return true;
    }

    private Optional<TopologyMasterLocation> masterLocation() {
        try {
            return stateStore
                    .read(definition.name())
                    .flatMap(StoredTopology::topologyMaster)
                    .filter(location -> location.topologyId().equals(settings.topologyId()));
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "cannot read the topology master location: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void waitForWakeUp(long millis) {
        synchronized (wakeUp) {
            try {
                wakeUp.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void handle(ControlChannel connected, ControlMessage message) throws IOException {
        if (message instanceof ControlMessage.PlanUpdate update) {
            applyPlan(update.plan());
        } else if (message instanceof ControlMessage.SetState setState) {
            boolean active = setState.state() == TopologyState.RUNNING;
            ContainerRuntime current = runtime;
            boolean applied = true;
            if (current != null) {
                current.setActive(active);
                applied = current.awaitSpouts(active, DEACTIVATE_TIMEOUT);
            }
            connected.send(new ControlMessage.StateApplied(setState.requestId(), settings.containerId(), applied));
        } else if (message instanceof ControlMessage.RuntimeConfig update) {
            applyRuntimeConfig(update.items());
            connected.send(new ControlMessage.RuntimeConfigApplied(update.requestId(), settings.containerId()));
        } else if (message instanceof ControlMessage.Refused refused) {
            throw new IOException(
                    "the topology master refused container " + settings.containerId() + ": " + refused.reason());
        }
    }

    /**
     * Keeps the overrides for instances started later (after a plan change) and hands them to the running ones.
     * Synchronized with {@link #applyPlan} so that a runtime starting meanwhile cannot miss them.
     */
    private synchronized void applyRuntimeConfig(List<String> items) {
        List<RuntimeConfigChange> changes =
                items.stream().map(RuntimeConfigChange::parse).toList();
        runtimeConfig = changes;
        ContainerRuntime current = runtime;
        if (current != null) {
            current.applyRuntimeConfig(changes);
        }
        LOGGER.log(Level.INFO, "container " + settings.containerId() + " applied runtime config " + items);
    }

    private synchronized void applyPlan(PhysicalPlan plan) {
        if (!plan.topologyId().equals(settings.topologyId())) {
            return;
        }
        boolean active = plan.state() == TopologyState.RUNNING;
        ContainerRuntime current = runtime;
        if (current != null && !current.layout().packingPlan().equals(plan.packingPlan())) {
            LOGGER.log(Level.INFO, "the packing plan changed: restarting this container's instances");
            stopRuntime();
            current = null;
        }
        if (current == null) {
            if (plan.packingPlan().container(settings.containerId()).isEmpty()) {
                LOGGER.log(Level.WARNING, "container " + settings.containerId() + " is not in the packing plan");
                return;
            }
            startRuntime(plan.packingPlan(), active);
        } else {
            current.setActive(active);
        }
        for (StreamManagerLocation location : plan.streamManagers()) {
            for (RemoteLink link : links.values()) {
                if (link.targetContainer() == location.containerId()) {
                    link.setAddress(new InetSocketAddress(location.host(), location.dataPort()));
                }
            }
        }
    }

    private void startRuntime(PackingPlan packingPlan, boolean active) {
        TopologyLayout layout = new TopologyLayout(definition, packingPlan);
        for (ContainerPlan container : packingPlan.containers()) {
            if (container.id() == settings.containerId()) {
                continue;
            }
            for (InstancePlan instance : container.instances()) {
                int lane = layout.laneOf(instance.id().taskId());
                if (!links.containsKey(lane)) {
                    RemoteLink link = new RemoteLink(
                            settings.topologyId().value(),
                            settings.containerId(),
                            container.id(),
                            instance.component(),
                            new TupleCodec(layout, topologyClassLoader),
                            options.queueBatches());
                    links.put(lane, link);
                    link.start();
                }
            }
        }
        ContainerRuntime created = new ContainerRuntime(
                layout,
                settings.containerId(),
                components,
                this::sendRemote,
                options,
                active,
                configSource(),
                runtimeConfig,
                fatal);
        created.start();
        runtime = created;
        LOGGER.log(
                Level.INFO,
                "container " + settings.containerId() + " started "
                        + layout.instancesIn(settings.containerId()).size() + " instances"
                        + (active ? "" : " (deactivated)"));
    }

    /**
     * The stored definition when it is this incarnation's (it holds the runtime-config changes recorded so far,
     * which a restarted master no longer has), otherwise the packaged one.
     */
    private TopologyDefinition configSource() {
        try {
            Optional<StoredTopology> stored = stateStore.read(definition.name());
            boolean sameIncarnation = stored.flatMap(StoredTopology::executionState)
                    .filter(state -> state.id().equals(settings.topologyId()))
                    .isPresent();
            return stored.flatMap(StoredTopology::definition)
                    .filter(storedDefinition ->
                            sameIncarnation && storedDefinition.componentNames().equals(definition.componentNames()))
                    .orElse(definition);
        } catch (RuntimeException e) {
            // The master's overrides still arrive; only changes recorded before a master restart are missed.
            LOGGER.log(
                    Level.WARNING,
                    "cannot read the stored topology definition, starting from the packaged config: " + e.getMessage());
            return definition;
        }
    }

    private void stopRuntime() {
        ContainerRuntime current = runtime;
        Duration drain = Duration.ofMillis(500);
        for (RemoteLink link : links.values()) {
            link.abandonAfter(drain);
        }
        if (current != null) {
            current.close(drain);
        }
        runtime = null;
        for (RemoteLink link : links.values()) {
            link.close(500);
        }
        links.clear();
    }

    private void sendRemote(int lane, TupleBatch batch) {
        RemoteLink link = links.get(lane);
        if (link != null) {
            link.send(batch);
            return;
        }
        // No link: the runtime is being replaced or stopped, and what it still emits has nowhere to go.
        ContainerRuntime current = runtime;
        if (current != null && batch.size > 0) {
            current.drop(batch.destinations[0], batch.size);
        }
    }

    private void heartbeat() {
        ControlChannel connected = channel;
        if (connected == null) {
            return;
        }
        Map<String, ControlMessage.Counts> counts = new HashMap<>();
        ContainerRuntime current = runtime;
        if (current != null) {
            Map<String, ComponentCounters> byComponent = new HashMap<>(current.counters());
            // Tuples lost on a link count against the component they were bound for.
            for (RemoteLink link : links.values()) {
                long lost = link.lostTuples();
                if (lost > 0) {
                    byComponent.merge(
                            link.targetComponent(),
                            new ComponentCounters(0, 0, 0, 0, 0, 0, 0, lost),
                            ComponentCounters::plus);
                }
            }
            byComponent.forEach((component, counters) -> counts.put(
                    component,
                    new ControlMessage.Counts(
                            counters.instances(),
                            counters.emitted(),
                            counters.executed(),
                            counters.failures(),
                            counters.acked(),
                            counters.failed(),
                            counters.replayed(),
                            counters.dropped())));
        }
        try {
            connected.send(new ControlMessage.Heartbeat(settings.containerId(), counts));
        } catch (IOException e) {
            connected.close();
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket socket = dataServer.accept();
                Thread reader = new Thread(() -> readLoop(socket), "stmgr-data-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (running) {
                    LOGGER.log(Level.WARNING, "data port accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void readLoop(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(256 * 1024);
            DataInputStream input = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            if (input.readInt() != RemoteLink.MAGIC) {
                LOGGER.log(
                        Level.WARNING,
                        "closing a data connection from " + socket.getRemoteSocketAddress()
                                + ": not an Egret stream manager");
                return;
            }
            String topologyId = input.readUTF();
            int source = input.readInt();
            if (!topologyId.equals(settings.topologyId().value())) {
                LOGGER.log(
                        Level.WARNING,
                        "closing a data connection from container " + source + " of topology id " + topologyId
                                + "; this is " + settings.topologyId());
                return;
            }
            byte[] buffer = new byte[64 * 1024];
            Input frame = new Input();
            TupleCodec codec = null;
            ContainerRuntime decodingFor = null;
            while (running) {
                int length = input.readInt();
                if (length < 0 || length > MAX_FRAME) {
                    throw new IOException("data frame of " + length + " bytes is out of range");
                }
                if (buffer.length < length) {
                    buffer = new byte[Math.max(length, buffer.length * 2)];
                }
                input.readFully(buffer, 0, length);
                ContainerRuntime current = awaitRuntime();
                if (current == null) {
                    return;
                }
                if (current != decodingFor) {
                    codec = new TupleCodec(current.layout(), topologyClassLoader);
                    decodingFor = current;
                }
                frame.setBuffer(buffer, 0, length);
                deliver(current, codec.read(frame));
            }
        } catch (EOFException | SocketException e) {
            // The sending container closed or died; it reconnects if it comes back.
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "data connection from " + socket.getRemoteSocketAddress() + " failed: " + e, e);
        }
    }

    private ContainerRuntime awaitRuntime() {
        ContainerRuntime current = runtime;
        while (current == null && running) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            current = runtime;
        }
        return current;
    }

    private void deliver(ContainerRuntime current, TupleBatch received) {
        if (received.ackCount > 0) {
            current.deliverAcksFromRemote(received);
        }
        if (received.size == 0) {
            return;
        }
        Map<Integer, TupleBatch> byTask = new HashMap<>();
        for (int index = 0; index < received.size; index++) {
            int task = received.destinations[index];
            TupleBatch batch = byTask.computeIfAbsent(task, key -> new TupleBatch(received.size));
            batch.add(task, received.tuples[index]);
        }
        for (Map.Entry<Integer, TupleBatch> entry : byTask.entrySet()) {
            current.deliverFromRemote(entry.getKey(), entry.getValue());
        }
    }

    /** Stops spouts, drains briefly, closes links and sockets. */
    @Override
    public void close() {
        running = false;
        heartbeats.shutdownNow();
        if (watch != null) {
            watch.close();
        }
        synchronized (this) {
            stopRuntime();
        }
        ControlChannel connected = channel;
        if (connected != null) {
            connected.close();
        }
        try {
            dataServer.close();
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, "closing the data port failed: " + e.getMessage());
        }
        wake();
        try {
            masterThread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
