package io.egret.adapters.local.scheduler;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ContainerStatus.Phase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Runs one executor process per container, each in its own session and process group ({@code setsid}), and
 * restarts an executor that exits: immediately when a restart was requested, otherwise after an exponential
 * backoff, and not at all once it failed {@link Policy#maxRestarts} times in a row (reported in the status).
 * Every started process is recorded in the sandbox so that a kill finds it even if this supervisor is gone.
 */
public final class ExecutorSupervisor implements AutoCloseable {
    /** What an executor that could not start prints before its reason (the executor's own contract). */
    private static final String EXECUTOR_FAILURE_PREFIX = "heron-executor: ";

    private final Sandbox sandbox;
    private final String topologyId;
    private final IntFunction<List<String>> commandForContainer;
    private final Policy policy;
    private final Consumer<String> events;
    private final ScheduledExecutorService timer;
    private final Map<Integer, Container> containers = new TreeMap<>();
    private boolean killed;

    /** A supervisor that reports its events nowhere. */
    public ExecutorSupervisor(
            Sandbox sandbox, String topologyId, IntFunction<List<String>> commandForContainer, Policy policy) {
        this(sandbox, topologyId, commandForContainer, policy, event -> {});
    }

    /**
     * @param commandForContainer the executor command line for a container id (without {@code setsid})
     * @param events receives one line per start, exit, restart and stop, for the service's log; must not block
     */
    public ExecutorSupervisor(
            Sandbox sandbox,
            String topologyId,
            IntFunction<List<String>> commandForContainer,
            Policy policy,
            Consumer<String> events) {
        this.events = requireNonNull(events, "events is null");
        this.sandbox = requireNonNull(sandbox, "sandbox is null");
        this.topologyId = requireNonNull(topologyId, "topologyId is null");
        this.commandForContainer = requireNonNull(commandForContainer, "commandForContainer is null");
        this.policy = requireNonNull(policy, "policy is null");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "egret-executor-restarts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /**
     * Starts executors for the given containers.
     *
     * @throws EgretException {@code CONFLICT} if one of them is already supervised
     */
    public synchronized void start(Collection<Integer> containerIds) {
        requireNonNull(containerIds, "containerIds is null");
        if (killed) {
            throw EgretException.conflict("the topology was killed; its scheduler service is shutting down");
        }
        Set<Integer> running = new TreeSet<>();
        for (int containerId : containerIds) {
            Container existing = containers.get(containerId);
            if (existing != null && !existing.stopping) {
                running.add(containerId);
            }
        }
        if (!running.isEmpty()) {
            throw EgretException.conflict("containers " + running + " are already running; remove them first");
        }
        for (int containerId : new TreeSet<>(containerIds)) {
            Container container = new Container(containerId);
            containers.put(containerId, container);
            launch(container);
        }
    }

    /** Each supervised container's phase, ordered by id. */
    public synchronized List<ContainerStatus> status() {
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container container : containers.values()) {
            statuses.add(new ContainerStatus(container.id, container.phase, container.detail, container.restarts));
        }
        return statuses;
    }

    /**
     * Restarts one container or, when empty, all: ends its process group and starts it again at once. A restart
     * on request does not count against the restart limit and clears earlier failures.
     *
     * @throws EgretException {@code NOT_FOUND} for a container that is not supervised
     */
    public void restart(OptionalInt containerId) {
        requireNonNull(containerId, "containerId is null");
        List<Long> groups = new ArrayList<>();
        synchronized (this) {
            if (killed) {
                throw EgretException.conflict("the topology was killed; its scheduler service is shutting down");
            }
            List<Container> targets = new ArrayList<>();
            if (containerId.isPresent()) {
                Container container = containers.get(containerId.getAsInt());
                if (container == null || container.stopping) {
                    throw EgretException.notFound("container " + containerId.getAsInt()
                            + " is not running; running containers are " + runningIds());
                }
                targets.add(container);
            } else {
                targets.addAll(containers.values().stream()
                        .filter(container -> !container.stopping)
                        .toList());
            }
            for (Container container : targets) {
                container.consecutiveFailures = 0;
                if (container.process != null) {
                    container.restartRequested = true;
                    container.phase = Phase.STARTING;
                    container.detail = "restarting on request";
                    groups.add(container.record.groupId());
                } else {
                    cancelPendingRestart(container);
                    launch(container);
                }
            }
        }
        // Outside the lock: the exit handler takes it to start the replacement.
        terminate(groups, "restart");
    }

    /**
     * Stops supervising the given containers and ends their processes; containers that are not supervised are
     * fine.
     *
     * @throws EgretException {@code INTERNAL} naming processes that still run after {@code timeout}
     */
    public void remove(Collection<Integer> containerIds, Duration timeout) {
        requireNonNull(containerIds, "containerIds is null");
        List<ProcessRecord> records = new ArrayList<>();
        synchronized (this) {
            for (int containerId : containerIds) {
                Container container = containers.get(containerId);
                if (container != null) {
                    records.addAll(stop(container));
                }
            }
        }
        endProcesses(records, timeout, "remove containers " + new TreeSet<>(containerIds));
        synchronized (this) {
            containerIds.forEach(containers::remove);
        }
    }

    /**
     * Stops supervising every container, ends every executor process group and waits until none is left.
     *
     * @throws EgretException {@code INTERNAL} naming processes that still run after {@code timeout}
     */
    public void killAll(Duration timeout) {
        List<ProcessRecord> records = new ArrayList<>();
        synchronized (this) {
            killed = true;
            for (Container container : containers.values()) {
                records.addAll(stop(container));
            }
        }
        // Also what an earlier supervisor of this sandbox recorded and may have left behind.
        try {
            for (ProcessRecord record : sandbox.processRecords()) {
                if (!record.isScheduler() && records.stream().noneMatch(known -> known.pid() == record.pid())) {
                    records.add(record);
                }
            }
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot read process records in " + sandbox.directory() + ": " + e, e);
        }
        endProcesses(records, timeout, "kill");
    }

    /** Stops restarting executors; never ends them (closing a scheduler must not kill the topology). */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private List<ProcessRecord> stop(Container container) {
        container.stopping = true;
        cancelPendingRestart(container);
        container.phase = Phase.FINISHED;
        container.detail = "stopped";
        return container.record == null ? List.of() : List.of(container.record);
    }

    private void endProcesses(List<ProcessRecord> records, Duration timeout, String operation) {
        List<Long> groups = records.stream()
                .filter(ProcessRecord::isAlive)
                .map(ProcessRecord::groupId)
                .toList();
        List<Long> survivors = terminate(groups, timeout, operation);
        if (!survivors.isEmpty()) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    operation + " left processes running in process groups " + survivors + " after " + timeout
                            + "; end them with 'kill -KILL -- -<group>'",
                    null);
        }
        for (ProcessRecord record : records) {
            try {
                Files.deleteIfExists(sandbox.containerRecord(record.containerId()));
            } catch (IOException e) {
                throw new EgretException(
                        ErrorCode.INTERNAL,
                        "cannot delete the process record of container " + record.containerId() + " in "
                                + sandbox.directory() + ": " + e,
                        e);
            }
        }
    }

    private List<Long> terminate(List<Long> groups, String operation) {
        return terminate(groups, policy.killGrace().plus(policy.killGrace()), operation);
    }

    private List<Long> terminate(List<Long> groups, Duration timeout, String operation) {
        try {
            return ProcessGroups.terminate(groups, policy.killGrace(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted during " + operation, e);
        }
    }

    private void launch(Container container) {
        List<String> command = new ArrayList<>();
        // Own session and process group: ending the group ends everything the executor started.
        command.add("setsid");
        try {
            command.addAll(commandForContainer.apply(container.id));
        } catch (RuntimeException e) {
            // The command needs the stored plan (the heap bound); without it the container cannot start.
            container.lastExit = "could not be started (no command: " + e.getMessage() + ")";
            failed(container);
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(sandbox.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        sandbox.executorStdout(container.id).toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        sandbox.executorStderr(container.id).toFile()));
        builder.environment().put(Sandbox.MARKER_VARIABLE, sandbox.directory().toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            container.lastExit = "could not be started (" + String.join(" ", command) + ": " + e.getMessage() + ")";
            failed(container);
            return;
        }
        ProcessRecord record = ProcessRecord.of(topologyId, container.id, process.toHandle(), true);
        container.process = process;
        container.record = record;
        container.startedAt = Instant.now();
        container.phase = Phase.RUNNING;
        container.detail = "";
        events.accept("container " + container.id + ": started executor pid " + process.pid() + ": "
                + String.join(" ", command));
        try {
            record.write(sandbox.containerRecord(container.id));
        } catch (IOException e) {
            // Unrecorded, a process would outlive a crash of this service unseen: do not run it at all. The
            // container stays failed (visible in the status) rather than retrying into the same broken disk.
            process.destroyForcibly();
            container.process = null;
            container.phase = Phase.FAILED;
            container.detail =
                    "cannot record the executor process in " + sandbox.containerRecord(container.id) + ": " + e;
            return;
        }
        process.onExit().thenAccept(exited -> exited(container, exited));
    }

    private synchronized void exited(Container container, Process process) {
        if (container.process != process) {
            return;
        }
        container.process = null;
        long oldGroup = container.record.groupId();
        if (container.stopping) {
            container.phase = Phase.FINISHED;
            container.detail = "stopped";
            events.accept("container " + container.id + ": executor pid " + process.pid() + " stopped");
            return;
        }
        container.lastExit =
                "exited with status " + process.exitValue() + " at " + Instant.now() + startFailure(container.id);
        events.accept("container " + container.id + ": executor pid " + process.pid() + " " + container.lastExit);
        if (container.restartRequested) {
            container.restartRequested = false;
            scheduleLaunch(container, oldGroup, Duration.ZERO);
            return;
        }
        if (Duration.between(container.startedAt, Instant.now()).compareTo(policy.stableAfter()) >= 0) {
            container.consecutiveFailures = 0;
        }
        failed(container, oldGroup);
    }

    /**
     * The one-line reason an executor that could not start prints last on stderr (a package it could not fetch,
     * say), so the status shows why rather than only a status code.
     */
    private String startFailure(int containerId) {
        try (Stream<String> lines = Files.lines(sandbox.executorStderr(containerId), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith(EXECUTOR_FAILURE_PREFIX))
                    .reduce((first, second) -> second)
                    .map(line -> ": " + line.substring(EXECUTOR_FAILURE_PREFIX.length()))
                    .orElse("");
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException | UncheckedIOException e) {
            return " (its stderr " + sandbox.executorStderr(containerId) + " is unreadable: " + e.getMessage() + ")";
        }
    }

    private void failed(Container container) {
        failed(container, 0);
    }

    private void failed(Container container, long oldGroup) {
        container.consecutiveFailures++;
        if (container.consecutiveFailures > policy.maxRestarts()) {
            container.phase = Phase.FAILED;
            container.detail = "executor " + container.lastExit + "; not restarted after "
                    + (container.consecutiveFailures - 1) + " restarts in a row (limit " + policy.maxRestarts()
                    + "); see " + sandbox.executorStderr(container.id);
            events.accept("container " + container.id + ": " + container.detail);
            if (oldGroup != 0) {
                // Given up on, but what the executor started must not linger until the topology is killed.
                timer.execute(() -> terminate(List.of(oldGroup), "clean-up of container " + container.id));
            }
            return;
        }
        Duration backoff = backoff(container.consecutiveFailures);
        container.restarts++;
        container.phase = Phase.PENDING;
        container.detail = "executor " + container.lastExit + "; restart " + container.consecutiveFailures + " of "
                + policy.maxRestarts() + " in " + backoff.toMillis() + " ms";
        events.accept("container " + container.id + ": " + container.detail);
        scheduleLaunch(container, oldGroup, backoff);
    }

    private Duration backoff(int failures) {
        Duration backoff = policy.restartBackoff();
        for (int failure = 1; failure < failures && backoff.compareTo(policy.maxRestartBackoff()) < 0; failure++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(policy.maxRestartBackoff()) > 0 ? policy.maxRestartBackoff() : backoff;
    }

    private void scheduleLaunch(Container container, long oldGroup, Duration delay) {
        container.pendingRestart =
                timer.schedule(() -> relaunch(container, oldGroup), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void relaunch(Container container, long oldGroup) {
        // Whatever the old executor started must be gone before its replacement binds the same resources.
        if (oldGroup != 0) {
            terminate(List.of(oldGroup), "restart of container " + container.id);
        }
        synchronized (this) {
            if (container.stopping || container.process != null) {
                return;
            }
            container.pendingRestart = null;
            launch(container);
        }
    }

    private void cancelPendingRestart(Container container) {
        if (container.pendingRestart != null) {
            container.pendingRestart.cancel(false);
            container.pendingRestart = null;
        }
    }

    private List<Integer> runningIds() {
        return containers.values().stream()
                .filter(container -> !container.stopping)
                .map(container -> container.id)
                .toList();
    }

    /**
     * How executors are restarted and ended.
     *
     * @param maxRestarts restarts in a row after which a failing executor is left failed
     * @param restartBackoff the wait before the first restart; doubled for each further failure in a row
     * @param maxRestartBackoff the longest wait between restarts
     * @param stableAfter an executor that ran this long before exiting starts counting failures afresh
     * @param killGrace how long an executor may take to exit after SIGTERM before it gets SIGKILL
     */
    public record Policy(
            int maxRestarts,
            Duration restartBackoff,
            Duration maxRestartBackoff,
            Duration stableAfter,
            Duration killGrace) {
        public Policy {
            requireNonNull(restartBackoff, "restartBackoff is null");
            requireNonNull(maxRestartBackoff, "maxRestartBackoff is null");
            requireNonNull(stableAfter, "stableAfter is null");
            requireNonNull(killGrace, "killGrace is null");
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must not be negative: " + maxRestarts);
            }
        }
    }

    /** One container's supervision state; guarded by the supervisor's lock. */
    private static final class Container {
        private final int id;
        private Process process;
        private ProcessRecord record;
        private Instant startedAt = Instant.EPOCH;
        private int restarts;
        private int consecutiveFailures;
        private boolean stopping;
        private boolean restartRequested;
        private ScheduledFuture<?> pendingRestart;
        private Phase phase = Phase.PENDING;
        private String detail = "";
        private String lastExit = "";

        Container(int id) {
            this.id = id;
        }
    }
}
