package io.egret.adapters.local.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.egret.adapters.local.files.ProcessLocalLocks;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A state store on the local file system under Heron's {@code heron.statemgr.root.path}: one file per record,
 * {@code <root>/<node directory>/<topology>}, each holding a versioned {@link Envelope}.
 *
 * <h2>Atomicity</h2>
 *
 * <p>Every change of a topology's records runs under that topology's <em>mutex</em>, an OS file lock on
 * {@code locks/<topology>.mutex} (exclusive for writers, shared for readers), so concurrent CLI processes,
 * scheduler services and containers are serialized per topology. Inside the mutex a change is a small redo log:
 *
 * <ol>
 *   <li>every new record is written to a hidden temporary file {@code .<topology>#<uuid>.tmp} in its
 *       directory and forced to disk;
 *   <li>the list of intended moves and deletes is written to {@code locks/<topology>.journal} by
 *       write-then-rename: this rename is the commit point;
 *   <li>the moves (atomic renames over the old record) and deletes are applied, then the journal is deleted.
 * </ol>
 *
 * <p>A process that dies before the commit point leaves only hidden temporary files, which nobody reads and
 * the next change of that topology deletes: the change did not happen. A process that dies after it leaves the
 * journal, and whoever takes the mutex next (reader or writer) applies it again first; applying is idempotent
 * (a temporary file that is already moved is skipped, deleting a missing record is fine): the change happened
 * completely. Readers hold the shared lock, so no reader ever sees half of a change. The OS releases file locks
 * of a dead process, so a crash never leaves the mutex held.
 *
 * <p>Two processes creating the same topology serialize on the mutex; the second finds the first one's records
 * and gets {@code CONFLICT} naming them.
 *
 * <p>{@link #deleteAll} deletes the topology's mutex file while holding it, so that a killed topology leaves nothing
 * behind. A process waiting on the old file then locks a deleted file; every holder therefore checks, once it has
 * the lock, that the path still names the file it locked (same file key), and starts over if not. The update lock
 * file goes the same way when nobody holds it. {@link #leftovers} names topologies that have such files but no
 * records; {@link #deleteAll} of that name removes them.
 */
public final class LocalFileSystemStateStore implements StateStorePort {
    /** Heron's key for the root directory. */
    public static final String ROOT_PATH_KEY = "heron.statemgr.root.path";
    /** Heron's key: whether to create the directory tree at start. */
    public static final String INITIALIZE_TREE_KEY = "heron.statemgr.localfs.is.initialize.file.tree";

    /** The nodes that hold records, in the order a create writes them (the topology record last). */
    static final List<StateNode> RECORD_NODES = List.of(
            StateNode.PACKING_PLAN,
            StateNode.EXECUTION_STATE,
            StateNode.PHYSICAL_PLAN,
            StateNode.TOPOLOGY_MASTER,
            StateNode.SCHEDULER,
            StateNode.TOPOLOGY);

    private static final Duration DEFAULT_MUTEX_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofMillis(150);
    private static final Duration LOCK_RETRY_INTERVAL = Duration.ofMillis(20);
    private static final String UPDATE_LOCK_SUFFIX = "__updateTopology";
    private static final Object NO_FILE_KEY = new Object();
    private static final String MUTEX_SUFFIX = ".mutex";
    private static final String JOURNAL_SUFFIX = ".journal";
    private static final String TEMPORARY_SEPARATOR = "#";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    // The same rule as TopologyName: files with other names are not Egret records.
    private static final Pattern TOPOLOGY_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final boolean initializeTree;
    private final Duration mutexTimeout;
    private final Duration watchInterval;
    private final ScheduledExecutorService watcher;

    /** A store with a 30 s limit on waiting for another process's change and watches polled every 150 ms. */
    public LocalFileSystemStateStore(Path root, boolean initializeTree) {
        this(root, initializeTree, DEFAULT_MUTEX_TIMEOUT, DEFAULT_WATCH_INTERVAL);
    }

    /**
     * @param root {@code heron.statemgr.root.path}, resolved
     * @param initializeTree {@code heron.statemgr.localfs.is.initialize.file.tree}: create every directory now;
     *     when false the root must already exist (directories below it are still created on first write, so a
     *     tree from an older layout never fails with a missing directory)
     * @param mutexTimeout how long a change waits for another process's change of the same topology
     * @param watchInterval how often watches poll
     */
    public LocalFileSystemStateStore(Path root, boolean initializeTree, Duration mutexTimeout, Duration watchInterval) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.initializeTree = initializeTree;
        this.mutexTimeout = requireNonNull(mutexTimeout, "mutexTimeout is null");
        this.watchInterval = requireNonNull(watchInterval, "watchInterval is null");
        if (mutexTimeout.isNegative() || watchInterval.isNegative() || watchInterval.isZero()) {
            throw new IllegalArgumentException("mutexTimeout must not be negative and watchInterval must be positive");
        }
        if (initializeTree) {
            for (StateNode node : StateNode.values()) {
                createDirectory(this.root.resolve(node.directory()));
            }
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "egret-state-watch " + this.root);
            // Watches must never keep a CLI process alive.
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.watcher = executor;
    }

    /** The root directory of this store. */
    public Path root() {
        return root;
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
        Map<StateNode, byte[]> writes = new LinkedHashMap<>();
        writes.put(StateNode.PACKING_PLAN, Envelope.wrap(kind(StateNode.PACKING_PLAN), id, packingPlan));
        writes.put(StateNode.EXECUTION_STATE, Envelope.wrap(kind(StateNode.EXECUTION_STATE), id, executionState));
        writes.put(StateNode.TOPOLOGY, Envelope.wrap(kind(StateNode.TOPOLOGY), id, definition));
        withExclusiveMutex(name, () -> {
            List<StateNode> existing = existingRecords(name);
            if (!existing.isEmpty()) {
                throw EgretException.conflict(describeExisting(name, existing));
            }
            try {
                commit(name, writes, Set.of());
            } catch (RuntimeException failure) {
                // Nothing was created (the commit point was not reached): leave no mutex behind either.
                if (existingRecords(name).isEmpty() && !Files.exists(journalFile(name))) {
                    try {
                        Files.deleteIfExists(mutexFile(name));
                    } catch (IOException cleanup) {
                        failure.addSuppressed(cleanup);
                    }
                }
                throw failure;
            }
            return null;
        });
    }

    @Override
    public Optional<StoredTopology> read(TopologyName name) {
        requireNonNull(name, "name is null");
        // Fast path without creating lock files for names never written: every change takes the mutex, which
        // creates its file before writing anything, so no mutex file means no records unless someone put files
        // there by hand; anything found sends us through the locked path.
        if (!Files.exists(mutexFile(name))) {
            if (existingRecords(name).isEmpty()) {
                return Optional.empty();
            }
        }
        Optional<Optional<StoredTopology>> shared = withSharedMutex(name, () -> {
            if (Files.exists(journalFile(name))) {
                return Optional.empty();
            }
            return Optional.of(readRecords(name));
        });
        if (shared.isPresent()) {
            return shared.get();
        }
        // A crashed writer left a committed change: apply it first, which needs the exclusive mutex.
        return withExclusiveMutex(name, () -> readRecords(name));
    }

    @Override
    public List<TopologyName> list() {
        Set<String> names = new TreeSet<>();
        for (StateNode node : RECORD_NODES) {
            Path directory = root.resolve(node.directory());
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String fileName = entry.getFileName().toString();
                    // Hidden temporary files start with '.', which no topology name does.
                    if (TOPOLOGY_FILE_NAME.matcher(fileName).matches()) {
                        names.add(fileName);
                    }
                }
            } catch (IOException e) {
                throw unreachable("cannot list state directory " + directory, e);
            }
        }
        return names.stream().map(TopologyName::of).toList();
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
        withExclusiveMutex(name, () -> {
            Optional<ExecutionState> current = readRecord(name, StateNode.EXECUTION_STATE, ExecutionState.class);
            if (current.isEmpty()) {
                throw EgretException.conflict("cannot change the execution state of topology '" + name
                        + "': it has none any more (" + recordFile(StateNode.EXECUTION_STATE, name)
                        + " is missing); it was probably killed meanwhile");
            }
            if (!current.get().equals(expected)) {
                throw EgretException.conflict("the execution state of topology '" + name
                        + "' changed meanwhile (now " + current.get().state() + ", topology id "
                        + current.get().id() + ", expected " + expected.state() + ", topology id " + expected.id()
                        + "); another command is working on it, retry when it is done");
            }
            commit(
                    name,
                    Map.of(
                            StateNode.EXECUTION_STATE,
                            Envelope.wrap(kind(StateNode.EXECUTION_STATE), replacement.id(), replacement)),
                    Set.of());
            return null;
        });
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
        withExclusiveMutex(name, () -> {
            Path topologyFile = recordFile(StateNode.TOPOLOGY, name);
            Optional<Envelope> currentTopology = readEnvelope(topologyFile);
            Optional<TopologyDefinition> currentDefinition =
                    currentTopology.map(envelope -> envelope.bodyAs(TopologyDefinition.class, topologyFile.toString()));
            Optional<PackingPlan> currentPlan = readRecord(name, StateNode.PACKING_PLAN, PackingPlan.class);
            if (currentDefinition.isEmpty() || currentPlan.isEmpty()) {
                throw EgretException.conflict("cannot publish a new plan for topology '" + name
                        + "': its topology or packing plan record is missing under " + root
                        + "; it was probably killed meanwhile");
            }
            if (!currentDefinition.get().equals(expectedDefinition)
                    || !currentPlan.get().equals(expectedPlan)) {
                throw EgretException.conflict("the topology or packing plan of '" + name
                        + "' changed meanwhile; another update is working on it, retry when it is done");
            }
            TopologyId id = currentTopology.get().topologyId();
            Map<StateNode, byte[]> writes = new LinkedHashMap<>();
            writes.put(StateNode.PACKING_PLAN, Envelope.wrap(kind(StateNode.PACKING_PLAN), id, packingPlan));
            writes.put(StateNode.TOPOLOGY, Envelope.wrap(kind(StateNode.TOPOLOGY), id, definition));
            commit(name, writes, Set.of());
            return null;
        });
    }

    @Override
    public void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        withExclusiveMutex(name, () -> {
            TopologyId id = currentIncarnation(name, "record the scheduler location");
            commit(name, Map.of(StateNode.SCHEDULER, Envelope.wrap(kind(StateNode.SCHEDULER), id, location)), Set.of());
            return null;
        });
    }

    @Override
    public void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        withExclusiveMutex(name, () -> {
            checkIncarnation(name, location.topologyId(), "record the topology master location");
            commit(
                    name,
                    Map.of(
                            StateNode.TOPOLOGY_MASTER,
                            Envelope.wrap(kind(StateNode.TOPOLOGY_MASTER), location.topologyId(), location)),
                    Set.of());
            return null;
        });
    }

    @Override
    public void deleteTopologyMasterLocation(TopologyName name) {
        requireNonNull(name, "name is null");
        withExclusiveMutex(name, () -> {
            commit(name, Map.of(), Set.of(StateNode.TOPOLOGY_MASTER));
            return null;
        });
    }

    @Override
    public void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
        requireNonNull(name, "name is null");
        requireNonNull(plan, "plan is null");
        withExclusiveMutex(name, () -> {
            checkIncarnation(name, plan.topologyId(), "publish the physical plan");
            commit(
                    name,
                    Map.of(
                            StateNode.PHYSICAL_PLAN,
                            Envelope.wrap(kind(StateNode.PHYSICAL_PLAN), plan.topologyId(), plan)),
                    Set.of());
            return null;
        });
    }

    @Override
    public void deleteAll(TopologyName name) {
        requireNonNull(name, "name is null");
        // Nothing was ever written: a kill of a topology in a store that does not exist yet is done.
        if (!Files.isDirectory(root)) {
            return;
        }
        withExclusiveMutex(name, () -> {
            // recover() already removed leftover temporary files; with no record left there is nothing to commit,
            // which matters on a full disk, where even the journal cannot be written.
            if (!existingRecords(name).isEmpty()) {
                commit(name, Map.of(), Set.copyOf(RECORD_NODES));
            }
            // Held exclusively and nothing left to protect: the mutex file goes too. Waiters that opened it notice
            // that the path no longer names the file they locked and start over (see withMutex).
            deleteIfFree(updateLockFile(name));
            Files.deleteIfExists(mutexFile(name));
            return null;
        });
    }

    /** Deletes a lock file that nobody holds right now; one that is held (a running update) stays. */
    private static void deleteIfFree(Path lockFile) throws IOException {
        Semaphore permit = ProcessLocalLocks.permitFor(lockFile);
        if (!permit.tryAcquire()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Optional<Object> opened = fileKey(lockFile);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return;
            }
            try {
                if (opened.isPresent() && opened.equals(fileKey(lockFile))) {
                    Files.delete(lockFile);
                }
            } finally {
                lock.release();
            }
        } catch (NoSuchFileException e) {
            // Nothing to delete.
        } finally {
            permit.release();
        }
    }

    @Override
    public List<TopologyName> leftovers() {
        Set<String> names = new TreeSet<>();
        for (StateNode node : StateNode.values()) {
            Path directory = root.resolve(node.directory());
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    leftoverOwner(node, entry.getFileName().toString()).ifPresent(names::add);
                }
            } catch (IOException e) {
                throw unreachable("cannot list state directory " + directory, e);
            }
        }
        List<TopologyName> result = new ArrayList<>();
        for (String name : names) {
            TopologyName topology = TopologyName.of(name);
            if (existingRecords(topology).isEmpty()) {
                result.add(topology);
            }
        }
        return result;
    }

    /** The topology a lock, journal or hidden temporary file belongs to, if it is one of those. */
    private static Optional<String> leftoverOwner(StateNode node, String fileName) {
        String owner = null;
        if (node == StateNode.LOCKS) {
            for (String suffix : List.of(MUTEX_SUFFIX, JOURNAL_SUFFIX, UPDATE_LOCK_SUFFIX)) {
                if (fileName.endsWith(suffix)) {
                    owner = fileName.substring(0, fileName.length() - suffix.length());
                }
            }
        }
        if (fileName.startsWith(".") && fileName.endsWith(TEMPORARY_SUFFIX) && fileName.contains(TEMPORARY_SEPARATOR)) {
            owner = fileName.substring(1, fileName.indexOf(TEMPORARY_SEPARATOR));
        }
        return Optional.ofNullable(owner)
                .filter(name -> TOPOLOGY_FILE_NAME.matcher(name).matches());
    }

    @Override
    public Lock lock(TopologyName name, Duration timeout) {
        requireNonNull(name, "name is null");
        requireNonNull(timeout, "timeout is null");
        Path lockFile = updateLockFile(name);
        Instant deadline = Instant.now().plus(timeout);
        Semaphore permit = ProcessLocalLocks.permitFor(lockFile);
        if (!tryAcquire(permit, timeout)) {
            throw EgretException.conflict("the update lock of topology '" + name + "' (" + lockFile
                    + ") is held by another command in this process and was not released within " + timeout
                    + "; retry when the other update is done");
        }
        FileChannel channel = null;
        try {
            while (true) {
                createDirectory(lockFile.getParent());
                Optional<Object> opened = fileKey(lockFile);
                channel = FileChannel.open(
                        lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Optional<FileLock> fileLock = tryLockUntil(channel, false, deadline);
                if (fileLock.isEmpty()) {
                    String owner = readOwner(channel);
                    throw EgretException.conflict("the update lock of topology '" + name + "' (" + lockFile
                            + ") is held by " + owner + " and was not released within " + timeout
                            + "; retry when the other update is done");
                }
                // A kill may have deleted the file this channel locked (see deleteAll): start over.
                if (opened.isEmpty() || !opened.equals(fileKey(lockFile))) {
                    fileLock.get().release();
                    channel.close();
                    channel = null;
                    continue;
                }
                writeOwner(channel);
                return new UpdateLock(lockFile, channel, fileLock.get(), permit);
            }
        } catch (IOException e) {
            throw closeAfterFailure(channel, permit, unreachable("cannot take the update lock " + lockFile, e));
        } catch (RuntimeException e) {
            throw closeAfterFailure(channel, permit, e);
        }
    }

    @Override
    public Watch watch(TopologyName name, StateNode node, Runnable listener) {
        requireNonNull(name, "name is null");
        requireNonNull(node, "node is null");
        requireNonNull(listener, "listener is null");
        if (node == StateNode.LOCKS) {
            throw new IllegalArgumentException("locks are not records and cannot be watched");
        }
        if (watcher.isShutdown()) {
            throw new IllegalStateException("the state store under " + root + " is closed");
        }
        Path file = recordFile(node, name);
        AtomicReference<FileVersion> last = new AtomicReference<>(FileVersion.of(file));
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        Runnable poll = () -> {
            try {
                FileVersion current = FileVersion.of(file);
                if (!current.equals(last.getAndSet(current))) {
                    listener.run();
                }
            } catch (RuntimeException e) {
                // A failing listener or an unreadable directory ends this watch; report it where the thread's
                // owner looks for failures instead of retrying it forever every interval.
                ScheduledFuture<?> future = self.get();
                if (future != null) {
                    future.cancel(false);
                }
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
            }
        };
        long intervalNanos = watchInterval.toNanos();
        self.set(watcher.scheduleWithFixedDelay(poll, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS));
        return () -> self.get().cancel(false);
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    // ---- records ----

    private Optional<StoredTopology> readRecords(TopologyName name) {
        List<StateNode> existing = existingRecords(name);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        Map<StateNode, String> damaged = new EnumMap<>(StateNode.class);
        return Optional.of(new StoredTopology(
                name,
                readUndamaged(name, StateNode.TOPOLOGY, TopologyDefinition.class, damaged),
                readUndamaged(name, StateNode.PACKING_PLAN, PackingPlan.class, damaged),
                readUndamaged(name, StateNode.EXECUTION_STATE, ExecutionState.class, damaged),
                readUndamaged(name, StateNode.SCHEDULER, SchedulerLocation.class, damaged),
                readUndamaged(name, StateNode.TOPOLOGY_MASTER, TopologyMasterLocation.class, damaged),
                readUndamaged(name, StateNode.PHYSICAL_PLAN, PhysicalPlan.class, damaged),
                damaged));
    }

    /**
     * Reads a record; one that exists but cannot be decoded (truncated, garbage, another record's kind) is reported
     * in {@code damaged} and read as missing, so that status and list can say so and kill can clean it up. A record
     * from a newer Egret is not damage: that error stands.
     */
    private <T> Optional<T> readUndamaged(
            TopologyName name, StateNode node, Class<T> type, Map<StateNode, String> damaged) {
        try {
            return readRecord(name, node, type);
        } catch (EgretException e) {
            if (e.code() != ErrorCode.INTERNAL) {
                throw e;
            }
            damaged.put(node, e.getMessage());
            return Optional.empty();
        }
    }

    private <T> Optional<T> readRecord(TopologyName name, StateNode node, Class<T> type) {
        Path file = recordFile(node, name);
        return readEnvelope(file).map(envelope -> {
            if (!envelope.kind().equals(kind(node))) {
                throw EgretException.internal(
                        "state record " + file + " holds a '" + envelope.kind() + "' record, expected '" + kind(node)
                                + "'; remove the file if it was put there by hand",
                        null);
            }
            return envelope.bodyAs(type, file.toString());
        });
    }

    private static Optional<Envelope> readEnvelope(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreachable("cannot read state record " + file, e);
        }
        // Heron treats an empty node as missing; so do we.
        if (bytes.length == 0) {
            return Optional.empty();
        }
        return Optional.of(Envelope.read(bytes, file.toString()));
    }

    /** The records of the topology that exist, in Heron's order (topologies first). */
    private List<StateNode> existingRecords(TopologyName name) {
        List<StateNode> existing = new ArrayList<>();
        for (StateNode node : StateNode.values()) {
            if (node != StateNode.LOCKS && Files.exists(recordFile(node, name))) {
                existing.add(node);
            }
        }
        return existing;
    }

    private String describeExisting(TopologyName name, List<StateNode> existing) {
        StringBuilder message = new StringBuilder("topology '")
                .append(name)
                .append("' already exists (records ")
                .append(String.join(
                        ", ", existing.stream().map(StateNode::directory).toList()))
                .append(" under ")
                .append(root);
        Optional<ExecutionState> executionState = Optional.empty();
        Optional<TopologyId> id = Optional.empty();
        Instant lastWritten = Instant.EPOCH;
        for (StateNode node : existing) {
            Path file = recordFile(node, name);
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                lastWritten = modified.isAfter(lastWritten) ? modified : lastWritten;
                Optional<Envelope> envelope = readEnvelope(file);
                if (id.isEmpty() && envelope.isPresent()) {
                    id = Optional.of(envelope.get().topologyId());
                }
                if (node == StateNode.EXECUTION_STATE && envelope.isPresent()) {
                    executionState = Optional.of(envelope.get().bodyAs(ExecutionState.class, file.toString()));
                }
            } catch (IOException | EgretException e) {
                // The conflict stands either way; say that this record could not be described.
                message.append("; ")
                        .append(node.directory())
                        .append(" unreadable: ")
                        .append(e.getMessage());
            }
        }
        id.ifPresent(value -> message.append("; topology id ").append(value));
        executionState.ifPresent(state -> message.append("; state ")
                .append(state.state())
                .append(", submitted by ")
                .append(state.submitUser())
                .append(" at ")
                .append(state.submittedAt()));
        if (!lastWritten.equals(Instant.EPOCH)) {
            message.append("; last written ").append(lastWritten);
        }
        String cluster = executionState.map(state -> state.target().toString()).orElse("CLUSTER");
        message.append("): run 'heron kill ")
                .append(cluster)
                .append(' ')
                .append(name)
                .append("' to remove it, or submit with --replace");
        return message.toString();
    }

    private TopologyId currentIncarnation(TopologyName name, String action) {
        Path file = recordFile(StateNode.EXECUTION_STATE, name);
        return readEnvelope(file)
                .map(Envelope::topologyId)
                .orElseThrow(() -> EgretException.notFound("cannot " + action + " of topology '" + name
                        + "': it has no execution state (" + file + " is missing); it was killed or never submitted"));
    }

    private void checkIncarnation(TopologyName name, TopologyId id, String action) {
        TopologyId current = currentIncarnation(name, action);
        if (!current.equals(id)) {
            throw EgretException.conflict("cannot " + action + " of topology '" + name + "' for topology id " + id
                    + ": the current incarnation is " + current + "; this process belongs to an earlier submission"
                    + " and should stop");
        }
    }

    // ---- the redo log ----

    private void commit(TopologyName name, Map<StateNode, byte[]> writes, Set<StateNode> deletes) {
        String transaction = UUID.randomUUID().toString();
        List<String> journal = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        try {
            // Temporary files first: until the journal is renamed into place nothing has changed.
            Map<StateNode, Path> temporaries = new EnumMap<>(StateNode.class);
            for (Map.Entry<StateNode, byte[]> write : writes.entrySet()) {
                Path directory = createDirectory(root.resolve(write.getKey().directory()));
                Path temporary = directory.resolve(temporaryName(name, transaction));
                written.add(temporary);
                writeDurably(temporary, write.getValue());
                temporaries.put(write.getKey(), temporary);
            }
            for (StateNode node : RECORD_NODES) {
                if (temporaries.containsKey(node)) {
                    journal.add("write " + node.directory() + " "
                            + temporaries.get(node).getFileName());
                } else if (deletes.contains(node)) {
                    journal.add("delete " + node.directory());
                }
            }
            Path journalFile = journalFile(name);
            Path journalTemporary = journalFile.resolveSibling(temporaryName(name, transaction));
            written.add(journalTemporary);
            writeDurably(journalTemporary, String.join("\n", journal).getBytes(UTF_8));
            Files.move(journalTemporary, journalFile, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(journalFile.getParent());
        } catch (IOException e) {
            // Before the commit point nothing happened: take back the temporary files (a full disk leaves them
            // otherwise), keeping the original failure. Deleting needs no space.
            EgretException failure = unreachable("cannot write the state of topology '" + name + "' under " + root, e);
            for (Path temporary : written) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
        applyJournal(name);
    }

    /** Applies a committed journal, if any, and removes temporary files of changes that never committed. */
    private void recover(TopologyName name) {
        applyJournal(name);
        String prefix = "." + name + TEMPORARY_SEPARATOR;
        List<Path> directories = new ArrayList<>();
        for (StateNode node : StateNode.values()) {
            directories.add(root.resolve(node.directory()));
        }
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> orphans = Files.newDirectoryStream(
                    directory,
                    entry -> entry.getFileName().toString().startsWith(prefix)
                            && entry.getFileName().toString().endsWith(TEMPORARY_SUFFIX))) {
                for (Path orphan : orphans) {
                    Files.deleteIfExists(orphan);
                }
            } catch (IOException e) {
                throw unreachable(
                        "cannot remove leftover temporary files of topology '" + name + "' in " + directory, e);
            }
        }
    }

    private void applyJournal(TopologyName name) {
        Path journalFile = journalFile(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(journalFile, UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw unreachable("cannot read state journal " + journalFile, e);
        }
        try {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" ");
                Path directory = root.resolve(parts[1]);
                Path target = directory.resolve(name.value());
                if (parts[0].equals("write") && parts.length == 3) {
                    Path temporary = directory.resolve(parts[2]);
                    // Already moved by an earlier, interrupted application of this journal.
                    if (Files.exists(temporary)) {
                        Files.move(
                                temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else if (parts[0].equals("delete") && parts.length == 2) {
                    Files.deleteIfExists(target);
                } else {
                    throw EgretException.internal(
                            "state journal " + journalFile + " has an invalid line '" + line
                                    + "'; it was not written by Egret, remove it",
                            null);
                }
            }
            for (StateNode node : RECORD_NODES) {
                syncDirectory(root.resolve(node.directory()));
            }
            Files.delete(journalFile);
        } catch (IOException e) {
            throw unreachable("cannot apply state journal " + journalFile, e);
        }
    }

    // ---- the per-topology mutex ----

    private <T> T withExclusiveMutex(TopologyName name, Callable<T> action) {
        return withMutex(name, true, () -> {
            recover(name);
            return action.call();
        });
    }

    private <T> T withSharedMutex(TopologyName name, Callable<T> action) {
        return withMutex(name, false, action);
    }

    private <T> T withMutex(TopologyName name, boolean exclusive, Callable<T> action) {
        checkRoot();
        Path mutexFile = mutexFile(name);
        Instant deadline = Instant.now().plus(mutexTimeout);
        Semaphore permit = ProcessLocalLocks.permitFor(mutexFile);
        if (!tryAcquire(permit, mutexTimeout)) {
            throw mutexTimedOut(name, mutexFile);
        }
        try {
            while (true) {
                // A shared lock only needs a readable channel: readers of an existing mutex open it read-only, so
                // an operator with read access to the state can still look at it. Everyone else creates it if
                // missing.
                boolean readOnly = !exclusive && Files.exists(mutexFile);
                if (!readOnly) {
                    createDirectory(mutexFile.getParent());
                }
                Optional<Object> opened = fileKey(mutexFile);
                try (FileChannel channel = readOnly
                        ? FileChannel.open(mutexFile, StandardOpenOption.READ)
                        : FileChannel.open(
                                mutexFile,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE)) {
                    Optional<FileLock> lock = tryLockUntil(channel, !exclusive, deadline);
                    if (lock.isEmpty()) {
                        throw mutexTimedOut(name, mutexFile);
                    }
                    try {
                        // deleteAll removes the mutex file while holding it: a lock on a file that is no longer
                        // (or not yet known to be) the one at the path guards nothing, so start over.
                        if (opened.isEmpty() || !opened.equals(fileKey(mutexFile))) {
                            continue;
                        }
                        return action.call();
                    } finally {
                        lock.get().release();
                    }
                } catch (NoSuchFileException e) {
                    // Read-only open of a mutex deleted just now: start over, creating it.
                    continue;
                }
            }
        } catch (IOException e) {
            throw unreachable("cannot lock " + mutexFile, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw EgretException.internal("state store action for topology '" + name + "' failed", e);
        } finally {
            permit.release();
        }
    }

    /** The file system's identity of the file at {@code path}, empty when there is none. */
    private static Optional<Object> fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            // A file system without file keys cannot tell; such a store must not be shared by processes that kill.
            return Optional.of(key == null ? NO_FILE_KEY : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private EgretException mutexTimedOut(TopologyName name, Path mutexFile) {
        return unreachable(
                "another process has been changing the state of topology '" + name + "' for more than " + mutexTimeout
                        + " (it holds " + mutexFile + "); check for a hung heron process",
                null);
    }

    private static Optional<FileLock> tryLockUntil(FileChannel channel, boolean shared, Instant deadline)
            throws IOException {
        while (true) {
            // No OverlappingFileLockException here: the process-wide permit keeps every other channel closed.
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return Optional.of(lock);
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            sleep(LOCK_RETRY_INTERVAL);
        }
    }

    private static boolean tryAcquire(Semaphore permit, Duration timeout) {
        try {
            return permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for a state store lock", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted while waiting for a state store lock", e);
        }
    }

    private static RuntimeException closeAfterFailure(FileChannel channel, Semaphore permit, RuntimeException failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        permit.release();
        return failure;
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        int read = channel.read(buffer, 0);
        String owner = read <= 0 ? "" : new String(buffer.array(), 0, read, UTF_8).strip();
        return owner.isEmpty() ? "another process" : owner;
    }

    private static void writeOwner(FileChannel channel) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        String owner = "pid " + ProcessHandle.current().pid() + " on " + host + " (user "
                + System.getProperty("user.name") + ") since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(owner.getBytes(UTF_8)), 0);
        channel.force(false);
    }

    // ---- files ----

    private void checkRoot() {
        if (!initializeTree && !Files.isDirectory(root)) {
            throw unreachable(
                    "state root " + root + " does not exist and " + INITIALIZE_TREE_KEY + " is false; create it or set "
                            + ROOT_PATH_KEY + " to an existing directory",
                    null);
        }
    }

    private Path recordFile(StateNode node, TopologyName name) {
        return root.resolve(node.directory()).resolve(name.value());
    }

    private Path updateLockFile(TopologyName name) {
        return root.resolve(StateNode.LOCKS.directory()).resolve(name + UPDATE_LOCK_SUFFIX);
    }

    private Path mutexFile(TopologyName name) {
        return root.resolve(StateNode.LOCKS.directory()).resolve(name + MUTEX_SUFFIX);
    }

    private Path journalFile(TopologyName name) {
        return root.resolve(StateNode.LOCKS.directory()).resolve(name + JOURNAL_SUFFIX);
    }

    private static String temporaryName(TopologyName name, String transaction) {
        return "." + name + TEMPORARY_SEPARATOR + transaction + TEMPORARY_SUFFIX;
    }

    private static String kind(StateNode node) {
        return switch (node) {
            case TOPOLOGY -> "topology";
            case PACKING_PLAN -> "packingplan";
            case EXECUTION_STATE -> "executionstate";
            case PHYSICAL_PLAN -> "physicalplan";
            case TOPOLOGY_MASTER -> "tmanager";
            case SCHEDULER -> "scheduler";
            case LOCKS -> throw new IllegalArgumentException("locks hold no records");
        };
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw unreachable("cannot create state directory " + directory, e);
        }
    }

    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    // Makes renames in the directory durable; without it a power loss can undo a committed rename.
    private static void syncDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static EgretException unreachable(String message, Throwable cause) {
        String detail = cause == null ? "" : ": " + cause;
        return new EgretException(ErrorCode.UNREACHABLE, message + detail, cause);
    }

    /** What a watch compares: each write renames a new file into place, so the file key changes on every write. */
    private record FileVersion(boolean exists, Object fileKey, long modifiedNanos, long size) {
        static FileVersion of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileVersion(
                        true,
                        attributes.fileKey(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                        attributes.size());
            } catch (NoSuchFileException e) {
                return new FileVersion(false, null, 0, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch " + file, e);
            }
        }
    }

    /** A held update lock: an OS lock on the lock file, released by close or by the death of this process. */
    private static final class UpdateLock implements Lock {
        private final Path lockFile;
        private final FileChannel channel;
        private final FileLock fileLock;
        private final Semaphore permit;
        private boolean closed;

        UpdateLock(Path lockFile, FileChannel channel, FileLock fileLock, Semaphore permit) {
            this.lockFile = requireNonNull(lockFile, "lockFile is null");
            this.channel = requireNonNull(channel, "channel is null");
            this.fileLock = requireNonNull(fileLock, "fileLock is null");
            this.permit = requireNonNull(permit, "permit is null");
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (FileChannel toClose = channel) {
                // Empty means free to whoever reads the owner next; the file itself stays until a kill.
                toClose.truncate(0);
                fileLock.release();
            } catch (IOException e) {
                throw unreachable("cannot release the update lock " + lockFile, e);
            } finally {
                permit.release();
            }
        }
    }
}
