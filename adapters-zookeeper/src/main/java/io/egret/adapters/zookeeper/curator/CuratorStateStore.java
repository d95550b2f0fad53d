package io.egret.adapters.zookeeper.curator;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.codec.Envelope;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreMutex;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * The state store on ZooKeeper: one znode per record at {@code <root>/<directory>/<topology>}, each holding the
 * same versioned {@link Envelope} as every Egret store.
 *
 * <h2>One round trip per change</h2>
 *
 * <p>Every change is one ZooKeeper {@code multi} transaction, so another client sees all of it or none, and a
 * connection lost in the middle leaves nothing half-written. {@link #create} creates the three records and, in
 * the same transaction, creates and deletes the other three: ZooKeeper then refuses the whole transaction if any
 * record of that name exists. Compare-and-set operations read the records with their znode versions, compare the
 * values, and write with those versions; a concurrent writer makes the versions differ and the transaction fail.
 * Reads of several records are one read-only {@code multi}, answered from one ZooKeeper state.
 *
 * <h2>A retried transaction that had landed</h2>
 *
 * <p>When the connection drops after ZooKeeper applied a transaction but before the answer arrived, Curator
 * retries it and ZooKeeper refuses the repeat (the node exists, the version moved on). Each operation then reads
 * the records back: if they hold exactly what it wrote, the operation succeeded.
 *
 * <h2>Locations of long-lived processes</h2>
 *
 * <p>A store opened for a scheduler service or an executor ({@link ZooKeeperStateConfig#longLived()}) records
 * the scheduler and topology-master locations as ephemeral znodes, which vanish with the process's session. When
 * the session expires while the process lives on, {@link OwnLocations} records them again on the new session,
 * unless the topology was killed or resubmitted meanwhile. Short-lived clients (the CLI) write persistent nodes.
 *
 * <h2>Locks and watches</h2>
 *
 * <p>The update lock is Curator's {@link InterProcessSemaphoreMutex} at Heron's own path,
 * {@code locks/<topology>__updateTopology}, so a Heron client and Egret exclude each other; its lease is
 * ephemeral, so a dead holder frees it. Watches are {@link RecordWatch}es: Curator caches that set their
 * ZooKeeper watch again after every reconnect and after a session expiry.
 */
public final class CuratorStateStore implements StateStorePort {
    // A compare-and-set that keeps losing to writers that change a record back and forth gives up after this many.
    private static final int MAXIMUM_ATTEMPTS = 10;
    private static final byte[] NO_DATA = new byte[0];

    private final ZooKeeperStateConfig config;
    private final CuratorFramework client;
    private final StatePaths paths;
    private final ZooKeeperCalls calls;
    private final OwnLocations ownLocations;
    private final Set<RecordWatch> watches = ConcurrentHashMap.newKeySet();

    private CuratorStateStore(ZooKeeperStateConfig config, CuratorFramework client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.paths = new StatePaths(config.rootPath());
        this.calls = new ZooKeeperCalls(client, config);
        this.ownLocations = new OwnLocations(client, this::registerAgain);
    }

    /**
     * Starts a client for the quorum; does not wait for a connection (the first operation does, at most the
     * connection timeout), so commands that never touch the state do not pay for one.
     */
    public static CuratorStateStore open(ZooKeeperStateConfig config) {
        requireNonNull(config, "config is null");
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(config.connectString().toString())
                .sessionTimeoutMs(toIntMillis(config.sessionTimeout()))
                .connectionTimeoutMs(toIntMillis(config.connectionTimeout()))
                .retryPolicy(new BoundedRetry(config.retryCount(), config.retryInterval(), config.connectionTimeout()))
                .build();
        CuratorStateStore store = new CuratorStateStore(config, client);
        client.getConnectionStateListenable().addListener((ignored, state) -> store.connectionChanged(state));
        client.start();
        return store;
    }

    /** The client, for tests that need to see ZooKeeper as the store sees it. */
    CuratorFramework client() {
        return client;
    }

    @Override
    public void create(TopologyDefinition definition, PackingPlan packingPlan, ExecutionState executionState) {
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        requireNonNull(executionState, "executionState is null");
        TopologyName name = definition.name();
        if (!name.equals(executionState.name())) {
            throw new IllegalArgumentException("definition is for topology '" + name + "' but execution state is for '"
                    + executionState.name() + "'");
        }
        TopologyId id = executionState.id();
        Map<StateNode, byte[]> records = new EnumMap<>(StateNode.class);
        records.put(StateNode.TOPOLOGY, Envelope.wrap(StatePaths.kind(StateNode.TOPOLOGY), id, definition));
        records.put(StateNode.PACKING_PLAN, Envelope.wrap(StatePaths.kind(StateNode.PACKING_PLAN), id, packingPlan));
        records.put(
                StateNode.EXECUTION_STATE,
                Envelope.wrap(StatePaths.kind(StateNode.EXECUTION_STATE), id, executionState));
        List<CuratorOp> operations = new ArrayList<>();
        try {
            for (StateNode node : StatePaths.RECORD_NODES) {
                String path = paths.record(node, name);
                byte[] data = records.get(node);
                if (data != null) {
                    operations.add(client.transactionOp().create().forPath(path, data));
                } else {
                    // Creating and deleting in the same transaction fails it if the record exists: one round trip
                    // checks that no stale record of this name is left anywhere.
                    operations.add(client.transactionOp().create().forPath(path, NO_DATA));
                    operations.add(client.transactionOp().delete().forPath(path));
                }
            }
        } catch (Exception e) {
            throw EgretException.internal("cannot build the create transaction of topology '" + name + "'", e);
        }
        String what = "create topology '" + name + "'";
        try {
            commit(what, operations);
        } catch (KeeperException.NodeExistsException e) {
            if (holds(name, records)) {
                return;
            }
            throw EgretException.conflict(describeExisting(name));
        } catch (KeeperException e) {
            throw unexpected(what, e);
        }
    }

    @Override
    public Optional<StoredTopology> read(TopologyName name) {
        requireNonNull(name, "name is null");
        Map<StateNode, Versioned> found = readRecords(name, StatePaths.RECORD_NODES);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoredTopology(
                name,
                body(found, StateNode.TOPOLOGY, TopologyDefinition.class),
                body(found, StateNode.PACKING_PLAN, PackingPlan.class),
                body(found, StateNode.EXECUTION_STATE, ExecutionState.class),
                body(found, StateNode.SCHEDULER, SchedulerLocation.class),
                body(found, StateNode.TOPOLOGY_MASTER, TopologyMasterLocation.class),
                body(found, StateNode.PHYSICAL_PLAN, PhysicalPlan.class)));
    }

    @Override
    public List<TopologyName> list() {
        List<Op> reads = StatePaths.RECORD_NODES.stream()
                .map(node -> Op.getChildren(paths.directory(node)))
                .toList();
        List<OpResult> results;
        try {
            results = calls.readAll("list the topologies under " + config.rootPath(), reads);
        } catch (KeeperException e) {
            throw unexpected("list the topologies under " + config.rootPath(), e);
        }
        Set<TopologyName> names = new TreeSet<>();
        for (OpResult result : results) {
            if (result instanceof OpResult.GetChildrenResult children) {
                for (String child : children.getChildren()) {
                    topologyName(child).ifPresent(names::add);
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void replaceExecutionState(ExecutionState expected, ExecutionState replacement) {
        requireNonNull(expected, "expected is null");
        requireNonNull(replacement, "replacement is null");
        TopologyName name = expected.name();
        if (!name.equals(replacement.name()) || !expected.id().equals(replacement.id())) {
            throw new IllegalArgumentException("replacement execution state is for " + replacement.name() + " ("
                    + replacement.id() + "), expected " + name + " (" + expected.id() + ")");
        }
        byte[] data = Envelope.wrap(StatePaths.kind(StateNode.EXECUTION_STATE), replacement.id(), replacement);
        String what = "change the execution state of topology '" + name + "'";
        Optional<Versioned> current = readRecords(name, List.of(StateNode.EXECUTION_STATE)).values().stream()
                .findFirst();
        if (current.isEmpty()) {
            throw EgretException.conflict("cannot change the execution state of topology '" + name
                    + "': it has none any more (" + paths.record(StateNode.EXECUTION_STATE, name)
                    + " is missing in ZooKeeper); it was probably killed meanwhile");
        }
        ExecutionState stored = current.get().body(ExecutionState.class);
        if (!stored.equals(expected)) {
            if (stored.equals(replacement) && Arrays.equals(current.get().data(), data)) {
                return;
            }
            throw executionStateChanged(name, stored, expected);
        }
        try {
            commit(
                    what,
                    List.of(client.transactionOp()
                            .setData()
                            .withVersion(current.get().version())
                            .forPath(paths.record(StateNode.EXECUTION_STATE, name), data)));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            Optional<Versioned> now = readRecords(name, List.of(StateNode.EXECUTION_STATE)).values().stream()
                    .findFirst();
            if (now.isPresent() && Arrays.equals(now.get().data(), data)) {
                return;
            }
            if (now.isEmpty()) {
                throw EgretException.conflict(
                        "the execution state of topology '" + name + "' was deleted meanwhile; it was probably killed");
            }
            throw executionStateChanged(name, now.get().body(ExecutionState.class), expected);
        } catch (KeeperException e) {
            throw unexpected(what, e);
        } catch (Exception e) {
            throw EgretException.internal("cannot build the transaction to " + what, e);
        }
    }

    @Override
    public void replacePlan(
            TopologyDefinition expectedDefinition,
            PackingPlan expectedPlan,
            TopologyDefinition definition,
            PackingPlan packingPlan) {
        requireNonNull(expectedDefinition, "expectedDefinition is null");
        requireNonNull(expectedPlan, "expectedPlan is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(packingPlan, "packingPlan is null");
        TopologyName name = expectedDefinition.name();
        if (!name.equals(definition.name())) {
            throw new IllegalArgumentException(
                    "replacement definition is for topology '" + definition.name() + "', expected '" + name + "'");
        }
        String what = "publish a new plan for topology '" + name + "'";
        Map<StateNode, Versioned> current = readRecords(name, List.of(StateNode.TOPOLOGY, StateNode.PACKING_PLAN));
        Versioned topology = current.get(StateNode.TOPOLOGY);
        Versioned plan = current.get(StateNode.PACKING_PLAN);
        if (topology == null || plan == null) {
            throw EgretException.conflict("cannot publish a new plan for topology '" + name
                    + "': its topology or packing plan record is missing under " + config.rootPath()
                    + " in ZooKeeper; it was probably killed meanwhile");
        }
        TopologyId id = topology.envelope().topologyId();
        byte[] definitionData = Envelope.wrap(StatePaths.kind(StateNode.TOPOLOGY), id, definition);
        byte[] planData = Envelope.wrap(StatePaths.kind(StateNode.PACKING_PLAN), id, packingPlan);
        if (!topology.body(TopologyDefinition.class).equals(expectedDefinition)
                || !plan.body(PackingPlan.class).equals(expectedPlan)) {
            if (Arrays.equals(topology.data(), definitionData) && Arrays.equals(plan.data(), planData)) {
                return;
            }
            throw planChanged(name);
        }
        try {
            commit(
                    what,
                    List.of(
                            client.transactionOp()
                                    .setData()
                                    .withVersion(plan.version())
                                    .forPath(paths.record(StateNode.PACKING_PLAN, name), planData),
                            client.transactionOp()
                                    .setData()
                                    .withVersion(topology.version())
                                    .forPath(paths.record(StateNode.TOPOLOGY, name), definitionData)));
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            Map<StateNode, Versioned> now = readRecords(name, List.of(StateNode.TOPOLOGY, StateNode.PACKING_PLAN));
            if (now.containsKey(StateNode.TOPOLOGY)
                    && now.containsKey(StateNode.PACKING_PLAN)
                    && Arrays.equals(now.get(StateNode.TOPOLOGY).data(), definitionData)
                    && Arrays.equals(now.get(StateNode.PACKING_PLAN).data(), planData)) {
                return;
            }
            throw planChanged(name);
        } catch (KeeperException e) {
            throw unexpected(what, e);
        } catch (Exception e) {
            throw EgretException.internal("cannot build the transaction to " + what, e);
        }
    }

    @Override
    public void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        putLocation(name, StateNode.SCHEDULER, Optional.empty(), location, locationMode());
    }

    @Override
    public void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        putLocation(name, StateNode.TOPOLOGY_MASTER, Optional.of(location.topologyId()), location, locationMode());
    }

    @Override
    public void deleteTopologyMasterLocation(TopologyName name) {
        requireNonNull(name, "name is null");
        String path = paths.record(StateNode.TOPOLOGY_MASTER, name);
        ownLocations.forget(path);
        String what = "delete the topology master location of '" + name + "'";
        try {
            calls.call(what, () -> client.delete().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            // Already gone: fine.
        } catch (KeeperException e) {
            throw unexpected(what, e);
        }
    }

    @Override
    public void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
        requireNonNull(name, "name is null");
        requireNonNull(plan, "plan is null");
        putLocation(name, StateNode.PHYSICAL_PLAN, Optional.of(plan.topologyId()), plan, CreateMode.PERSISTENT);
    }

    @Override
    public void deleteAll(TopologyName name) {
        requireNonNull(name, "name is null");
        String what = "delete the records of topology '" + name + "'";
        for (StateNode node : StatePaths.RECORD_NODES) {
            ownLocations.forget(paths.record(node, name));
        }
        for (int attempt = 1; ; attempt++) {
            Map<StateNode, Versioned> existing = readRecords(name, StatePaths.RECORD_NODES, false);
            if (existing.isEmpty()) {
                break;
            }
            List<CuratorOp> deletes = new ArrayList<>();
            try {
                for (Map.Entry<StateNode, Versioned> record : existing.entrySet()) {
                    deletes.add(client.transactionOp()
                            .delete()
                            .withVersion(record.getValue().version())
                            .forPath(paths.record(record.getKey(), name)));
                }
                commit(what, deletes);
                break;
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
                // Changed between the read and the delete (or a retried delete that had landed): read again.
                if (attempt >= MAXIMUM_ATTEMPTS) {
                    throw EgretException.conflict("the records of topology '" + name + "' kept changing while they"
                            + " were being deleted; another process is still writing them, retry when it is done");
                }
            } catch (KeeperException e) {
                throw unexpected(what, e);
            } catch (EgretException e) {
                throw e;
            } catch (Exception e) {
                throw EgretException.internal("cannot build the transaction to " + what, e);
            }
        }
        deleteFreeLock(name);
    }

    @Override
    public Lock lock(TopologyName name, Duration timeout) {
        requireNonNull(name, "name is null");
        requireNonNull(timeout, "timeout is null");
        String path = paths.updateLock(name);
        InterProcessSemaphoreMutex mutex = new InterProcessSemaphoreMutex(client, path);
        boolean acquired;
        try {
            acquired = calls.call(
                    "take the update lock " + path, () -> mutex.acquire(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (KeeperException e) {
            throw unexpected("take the update lock " + path, e);
        }
        if (!acquired) {
            throw EgretException.conflict("the update lock of topology '" + name + "' (" + path + " in ZooKeeper at "
                    + config.connectString() + ") is held by another command and was not released within " + timeout
                    + "; retry when the other update is done");
        }
        return new Lock() {
            private boolean released;

            @Override
            public synchronized void close() {
                if (released) {
                    return;
                }
                released = true;
                try {
                    calls.call("release the update lock " + path, () -> {
                        mutex.release();
                        return null;
                    });
                } catch (KeeperException e) {
                    throw unexpected("release the update lock " + path, e);
                }
            }
        };
    }

    @Override
    public Watch watch(TopologyName name, StateNode node, Runnable listener) {
        requireNonNull(name, "name is null");
        requireNonNull(node, "node is null");
        requireNonNull(listener, "listener is null");
        if (node == StateNode.LOCKS) {
            throw new IllegalArgumentException("locks are not records and cannot be watched");
        }
        String path = paths.record(node, name);
        RecordWatch watch = RecordWatch.start(client, path, listener, config.connectionTimeout(), watches::remove);
        watches.add(watch);
        return watch;
    }

    @Override
    public void close() {
        for (RecordWatch watch : List.copyOf(watches)) {
            watch.close();
        }
        ownLocations.close();
        // Closing the session removes this process's ephemeral locations, as its exit would.
        client.close();
    }

    // ---- locations ----

    private CreateMode locationMode() {
        return config.longLived() ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
    }

    /**
     * Writes a record that belongs to the current incarnation, in one transaction that also checks the execution
     * state's version, so a kill or a resubmission that happens meanwhile makes it fail instead of leaving a record
     * of a topology that no longer exists.
     */
    private void putLocation(
            TopologyName name, StateNode node, Optional<TopologyId> incarnation, Object value, CreateMode mode) {
        String path = paths.record(node, name);
        String what = "record the " + node.directory() + " entry of topology '" + name + "'";
        for (int attempt = 1; ; attempt++) {
            Map<StateNode, Versioned> current = readRecords(name, List.of(StateNode.EXECUTION_STATE, node));
            Versioned executionState = current.get(StateNode.EXECUTION_STATE);
            if (executionState == null) {
                throw EgretException.notFound("cannot " + what + ": it has no execution state ("
                        + paths.record(StateNode.EXECUTION_STATE, name)
                        + " is missing in ZooKeeper); it was killed or never submitted");
            }
            TopologyId currentId = executionState.envelope().topologyId();
            if (incarnation.isPresent() && !incarnation.get().equals(currentId)) {
                throw EgretException.conflict("cannot " + what + " for topology id " + incarnation.get()
                        + ": the current incarnation is " + currentId
                        + "; this process belongs to an earlier submission and should stop");
            }
            byte[] data = Envelope.wrap(StatePaths.kind(node), currentId, value);
            Versioned existing = current.get(node);
            long session = sessionId();
            List<CuratorOp> operations = new ArrayList<>();
            try {
                operations.add(client.transactionOp()
                        .check()
                        .withVersion(executionState.version())
                        .forPath(paths.record(StateNode.EXECUTION_STATE, name)));
                boolean ours = existing != null
                        && (mode == CreateMode.EPHEMERAL
                                ? existing.ephemeralOwner() == session
                                : existing.ephemeralOwner() == 0);
                if (existing != null && ours) {
                    operations.add(client.transactionOp()
                            .setData()
                            .withVersion(existing.version())
                            .forPath(path, data));
                } else {
                    if (existing != null) {
                        // Another session's ephemeral node (or the wrong kind of node): replace it by ours.
                        operations.add(client.transactionOp()
                                .delete()
                                .withVersion(existing.version())
                                .forPath(path));
                    }
                    operations.add(
                            client.transactionOp().create().withMode(mode).forPath(path, data));
                }
                commit(what, operations);
            } catch (KeeperException.BadVersionException
                    | KeeperException.NoNodeException
                    | KeeperException.NodeExistsException e) {
                // Someone wrote meanwhile (or a retried transaction had landed): read again and decide again.
                if (attempt >= MAXIMUM_ATTEMPTS) {
                    throw EgretException.conflict("cannot " + what + ": the topology's records kept changing;"
                            + " another process is writing them, retry when it is done");
                }
                continue;
            } catch (KeeperException e) {
                throw unexpected(what, e);
            } catch (EgretException e) {
                throw e;
            } catch (Exception e) {
                throw EgretException.internal("cannot build the transaction to " + what, e);
            }
            if (mode == CreateMode.EPHEMERAL) {
                ownLocations.remember(path, new OwnLocations.Location(name, node, incarnation, value));
            }
            return;
        }
    }

    /** Records a location again after this process's session expired (called by {@link OwnLocations}). */
    private void registerAgain(OwnLocations.Location location) {
        putLocation(location.name(), location.node(), location.incarnation(), location.value(), CreateMode.EPHEMERAL);
    }

    private void connectionChanged(ConnectionState state) {
        if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) {
            ownLocations.checkAfterReconnect(sessionId());
        }
    }

    private long sessionId() {
        try {
            return client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw calls.failure("report its session", e);
        }
    }

    // ---- reading ----

    private Map<StateNode, Versioned> readRecords(TopologyName name, List<StateNode> nodes) {
        return readRecords(name, nodes, true);
    }

    /**
     * Reads records in one round trip; missing and empty nodes are left out (Heron treats an empty node as
     * missing).
     *
     * @param decode whether to decode the envelopes (deletes only need the versions, even of unreadable records)
     */
    private Map<StateNode, Versioned> readRecords(TopologyName name, List<StateNode> nodes, boolean decode) {
        List<Op> reads =
                nodes.stream().map(node -> Op.getData(paths.record(node, name))).toList();
        List<OpResult> results;
        String what = "read the records of topology '" + name + "'";
        try {
            results = calls.readAll(what, reads);
        } catch (KeeperException e) {
            throw unexpected(what, e);
        }
        Map<StateNode, Versioned> found = new EnumMap<>(StateNode.class);
        for (int index = 0; index < nodes.size(); index++) {
            if (results.get(index) instanceof OpResult.GetDataResult data) {
                StateNode node = nodes.get(index);
                String path = paths.record(node, name);
                byte[] bytes = data.getData() == null ? NO_DATA : data.getData();
                Stat stat = data.getStat();
                if (bytes.length == 0 && decode) {
                    continue;
                }
                Envelope envelope = decode ? Envelope.read(bytes, zooKeeperPath(path)) : null;
                if (envelope != null && !envelope.kind().equals(StatePaths.kind(node))) {
                    throw EgretException.internal(
                            "state record " + zooKeeperPath(path) + " holds a '" + envelope.kind() + "' record,"
                                    + " expected '" + StatePaths.kind(node) + "'; remove the znode if it was put"
                                    + " there by hand",
                            null);
                }
                found.put(node, new Versioned(path, bytes, envelope, stat.getVersion(), stat.getEphemeralOwner()));
            }
        }
        return found;
    }

    private static <T> Optional<T> body(Map<StateNode, Versioned> found, StateNode node, Class<T> type) {
        return Optional.ofNullable(found.get(node)).map(record -> record.body(type));
    }

    /** Whether the records of the topology hold exactly these bytes: a retried create that had landed. */
    private boolean holds(TopologyName name, Map<StateNode, byte[]> records) {
        Map<StateNode, Versioned> found = readRecords(name, StatePaths.RECORD_NODES, false);
        if (!found.keySet().equals(records.keySet())) {
            return false;
        }
        return records.entrySet().stream()
                .allMatch(record -> Arrays.equals(found.get(record.getKey()).data(), record.getValue()));
    }

    private String describeExisting(TopologyName name) {
        Map<StateNode, Versioned> existing;
        try {
            existing = readRecords(name, StatePaths.RECORD_NODES, false);
        } catch (EgretException e) {
            return "topology '" + name + "' already exists in ZooKeeper under " + config.rootPath() + " ("
                    + e.getMessage() + "); run 'heron kill CLUSTER " + name + "' to remove it";
        }
        StringBuilder message = new StringBuilder("topology '")
                .append(name)
                .append("' already exists (records ")
                .append(String.join(
                        ", ",
                        existing.keySet().stream().map(StateNode::directory).toList()))
                .append(" under ")
                .append(config.rootPath())
                .append(" in ZooKeeper at ")
                .append(config.connectString());
        Optional<ExecutionState> executionState = Optional.empty();
        for (Map.Entry<StateNode, Versioned> record : existing.entrySet()) {
            try {
                Envelope envelope = Envelope.read(
                        record.getValue().data(),
                        zooKeeperPath(record.getValue().path()));
                if (record.getKey() == StateNode.EXECUTION_STATE) {
                    executionState = Optional.of(envelope.bodyAs(
                            ExecutionState.class, record.getValue().path()));
                }
            } catch (EgretException e) {
                message.append("; ")
                        .append(record.getKey().directory())
                        .append(" unreadable: ")
                        .append(e.getMessage());
            }
        }
        executionState.ifPresent(state -> message.append("; topology id ")
                .append(state.id())
                .append("; state ")
                .append(state.state())
                .append(", submitted by ")
                .append(state.submitUser())
                .append(" at ")
                .append(state.submittedAt()));
        String cluster = executionState.map(state -> state.target().toString()).orElse("CLUSTER");
        return message.append("): run 'heron kill ")
                .append(cluster)
                .append(' ')
                .append(name)
                .append("' to remove it, or submit with --replace")
                .toString();
    }

    // ---- writing ----

    /**
     * Commits one transaction. A missing directory fails it with "no node": when the tree may be initialized the
     * directories are created, and the transaction runs once more.
     */
    private void commit(String what, List<CuratorOp> operations) throws KeeperException {
        try {
            calls.call(what, () -> client.transaction().forOperations(operations));
        } catch (KeeperException.NoNodeException e) {
            // Either a record is missing (the caller's answer) or the tree was, perhaps until another client created
            // it a moment ago: make sure it is there and try once more; a missing record fails again the same way.
            if (treeMissing()) {
                initializeTree();
            }
            calls.call(what, () -> client.transaction().forOperations(operations));
        }
    }

    private boolean treeMissing() {
        List<Op> reads = StatePaths.RECORD_NODES.stream()
                .map(node -> Op.getData(paths.directory(node)))
                .toList();
        try {
            return calls.readAll("read the state directories under " + config.rootPath(), reads).stream()
                    .anyMatch(result -> result instanceof OpResult.ErrorResult);
        } catch (KeeperException e) {
            throw unexpected("read the state directories under " + config.rootPath(), e);
        }
    }

    private void initializeTree() {
        if (!config.initializeTree()) {
            throw EgretException.userError("ZooKeeper at " + config.connectString() + " has no state tree under "
                    + config.rootPath() + " and heron.statemgr.zookeeper.is.initialize.tree is false: create "
                    + Arrays.stream(StateNode.values()).map(paths::directory).toList()
                    + " or set the key to true");
        }
        config.connectString().chroot().ifPresent(this::createChroot);
        for (StateNode node : StateNode.values()) {
            String directory = paths.directory(node);
            try {
                calls.call(
                        "create the state directory " + directory,
                        () -> client.create().creatingParentsIfNeeded().forPath(directory, NO_DATA));
            } catch (KeeperException.NodeExistsException e) {
                // Created by someone else meanwhile: fine.
            } catch (KeeperException e) {
                throw unexpected("create the state directory " + directory, e);
            }
        }
    }

    /** ZooKeeper does not create a chroot: a client without it does, once, when the tree is initialized. */
    private void createChroot(String chroot) {
        String servers = config.connectString().withoutChroot().toString();
        try (CuratorFramework root = CuratorFrameworkFactory.builder()
                .connectString(servers)
                .sessionTimeoutMs(toIntMillis(config.sessionTimeout()))
                .connectionTimeoutMs(toIntMillis(config.connectionTimeout()))
                .retryPolicy(new BoundedRetry(config.retryCount(), config.retryInterval(), config.connectionTimeout()))
                .build()) {
            root.start();
            new ZooKeeperCalls(root, config)
                    .call(
                            "create the chroot " + chroot,
                            () -> root.create().creatingParentsIfNeeded().forPath(chroot));
        } catch (KeeperException.NodeExistsException e) {
            // Created by someone else meanwhile: fine.
        } catch (KeeperException e) {
            throw unexpected("create the chroot " + chroot, e);
        }
    }

    /** Removes the update lock's znodes when nobody holds or waits for it, so a kill leaves nothing behind. */
    private void deleteFreeLock(TopologyName name) {
        String lock = paths.updateLock(name);
        try {
            List<String> children = calls.call(
                    "read the update lock " + lock, () -> client.getChildren().forPath(lock));
            for (String child : children) {
                calls.call(
                        "delete the free update lock " + lock,
                        () -> client.delete().forPath(lock + "/" + child));
            }
            calls.call(
                    "delete the free update lock " + lock, () -> client.delete().forPath(lock));
        } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
            // Never taken, already removed, or held or awaited by someone: leave it to them.
        } catch (KeeperException e) {
            throw unexpected("delete the free update lock " + lock, e);
        }
    }

    // ---- errors ----

    private EgretException unexpected(String what, KeeperException e) {
        return new EgretException(ErrorCode.INTERNAL, "ZooKeeper refused to " + what + ": " + e.getMessage(), e);
    }

    private EgretException executionStateChanged(TopologyName name, ExecutionState now, ExecutionState expected) {
        return EgretException.conflict("the execution state of topology '" + name + "' changed meanwhile (now "
                + now.state() + ", topology id " + now.id() + ", expected " + expected.state() + ", topology id "
                + expected.id() + "); another command is working on it, retry when it is done");
    }

    private static EgretException planChanged(TopologyName name) {
        return EgretException.conflict("the topology or packing plan of '" + name
                + "' changed meanwhile; another update is working on it, retry when it is done");
    }

    private String zooKeeperPath(String path) {
        return "zookeeper://" + config.connectString() + path;
    }

    private static Optional<TopologyName> topologyName(String child) {
        try {
            return Optional.of(TopologyName.of(child));
        } catch (RuntimeException e) {
            // Not an Egret or Heron topology record (a hand-made znode): not listed.
            return Optional.empty();
        }
    }

    private static int toIntMillis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    /** A record as read, with its znode version and owning session (0 when persistent). */
    record Versioned(String path, byte[] data, Envelope envelope, int version, long ephemeralOwner) {
        <T> T body(Class<T> type) {
            return envelope.bodyAs(type, path);
        }
    }
}
