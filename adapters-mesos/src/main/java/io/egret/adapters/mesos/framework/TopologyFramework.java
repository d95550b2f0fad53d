package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.matching.OfferMatcher;
import io.egret.adapters.mesos.matching.ResourcePools;
import io.egret.adapters.mesos.protocol.MasterClient;
import io.egret.adapters.mesos.protocol.MesosException;
import io.egret.ports.out.ContainerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One topology's Mesos framework: subscribes (as the recorded framework when there is one, reconciling its
 * recorded tasks before launching anything), places pending containers on offers, relaunches containers whose
 * task ended unexpectedly (with backoff, up to a limit), and restarts, adds, removes and kills containers on
 * request. Offers are suppressed while nothing is pending and revived when something is.
 *
 * <p>Every change of what must be remembered (framework id, a container's new task) is handed to the journal
 * before the master hears of it, so a scheduler that dies at any point can take its tasks over.
 */
public final class TopologyFramework implements AutoCloseable {
    private static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final Duration KILL_RESEND = Duration.ofSeconds(5);

    private final FrameworkSettings settings;
    private final TaskTemplate template;
    private final Consumer<RecordedTasks> journal;
    private final Consumer<String> log;
    private final MesosDriver driver;
    private final ScheduledExecutorService timer;
    private final Map<Integer, ContainerTask> containers = new TreeMap<>();
    private final Map<String, ContainerTask> byTask = new HashMap<>();
    private final Set<String> reconciling = new HashSet<>();
    private Optional<String> frameworkId;
    private boolean suppressed;
    private boolean killing;
    private boolean subscribedOnce;
    private Optional<String> ended = Optional.empty();
    private String largestOffer = "no offer received yet";

    /**
     * @param demands every container of the topology and what it needs
     * @param recorded what an earlier scheduler of this topology recorded; {@link RecordedTasks#none()} at first
     * @param journal receives what to remember, before the master is told
     * @param log one line per notable event; never given secrets
     */
    public TopologyFramework(
            MasterClient master,
            FrameworkSettings settings,
            TaskTemplate template,
            Map<Integer, Demand> demands,
            RecordedTasks recorded,
            Consumer<RecordedTasks> journal,
            Consumer<String> log) {
        this.settings = requireNonNull(settings, "settings is null");
        this.template = requireNonNull(template, "template is null");
        this.journal = requireNonNull(journal, "journal is null");
        this.log = requireNonNull(log, "log is null");
        requireNonNull(recorded, "recorded is null");
        this.frameworkId = recorded.frameworkId();
        requireNonNull(demands, "demands is null")
                .forEach((id, demand) -> containers.put(id, new ContainerTask(id, demand)));
        recorded.tasks().forEach((id, task) -> {
            ContainerTask container = containers.get(id);
            if (container == null) {
                // A container the plan no longer has: still reconciled, so that a leftover task is killed.
                container = new ContainerTask(id, new Demand(0, 0, 0, 0));
                container.intent = ContainerTask.Intent.REMOVE;
                containers.put(id, container);
            }
            container.taskId = task.taskId();
            container.agentId = task.agentId();
            container.attempt = TaskNames.attemptOf(task.taskId()).orElse(0);
            container.phase = ContainerStatus.Phase.STARTING;
            container.detail = "reconciling the task recorded by an earlier scheduler";
            byTask.put(task.taskId(), container);
            reconciling.add(task.taskId());
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mesos-framework-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.driver = new MesosDriver(
                master,
                this::subscribeCall,
                new Listener(),
                settings.reconnect(),
                settings.missedHeartbeats(),
                "mesos-subscription");
    }

    /** Subscribes in the background; see {@link #awaitSubscribed}. */
    public void start() {
        driver.start();
    }

    /**
     * Waits until the master acknowledged the subscription.
     *
     * @return false when {@code timeout} passed first
     * @throws MesosException when the master refused the framework for good
     */
    public synchronized boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!subscribedOnce && ended.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (!subscribedOnce) {
            throw new MesosException(400, ended.get());
        }
        return true;
    }

    /** The framework id, once subscribed. */
    public synchronized Optional<String> frameworkId() {
        return frameworkId;
    }

    /** Why this framework stopped for good (failed over by another scheduler, removed, torn down), if it did. */
    public synchronized Optional<String> ended() {
        return ended;
    }

    /** Waits until the framework stopped for good; see {@link #ended}. */
    public synchronized String awaitEnded() throws InterruptedException {
        while (ended.isEmpty()) {
            wait();
        }
        return ended.get();
    }

    /** The master currently subscribed to. */
    public String master() {
        return driver.master();
    }

    /** Each container's phase, ordered by id. */
    public synchronized List<ContainerStatus> status() {
        return containers.values().stream()
                .filter(container -> container.intent != ContainerTask.Intent.REMOVE || container.hasTask())
                .map(ContainerTask::status)
                .toList();
    }

    /** Ids of the containers that have a task right now (for tests and the status of a dead scheduler). */
    public synchronized Map<Integer, String> currentTasks() {
        Map<Integer, String> tasks = new TreeMap<>();
        containers.values().stream().filter(ContainerTask::hasTask).forEach(c -> tasks.put(c.id, c.taskId));
        return tasks;
    }

    /**
     * Adds containers; they launch on the next suitable offers.
     *
     * @throws IllegalArgumentException naming an id already in use
     */
    public synchronized void add(Map<Integer, Demand> demands) {
        for (Integer id : demands.keySet()) {
            ContainerTask existing = containers.get(id);
            if (existing != null && existing.intent != ContainerTask.Intent.REMOVE) {
                throw new IllegalArgumentException("container " + id + " already exists");
            }
            if (existing != null && existing.hasTask()) {
                throw new IllegalArgumentException("container " + id + " is still being removed");
            }
        }
        demands.forEach((id, demand) -> containers.put(id, new ContainerTask(id, demand)));
        reviveIfPending();
    }

    /**
     * Kills the task of one container (or of every container) and launches it again.
     *
     * @throws IllegalArgumentException for an unknown container id
     */
    public synchronized void restart(OptionalInt containerId) {
        List<ContainerTask> targets = new ArrayList<>();
        if (containerId.isPresent()) {
            ContainerTask container = containers.get(containerId.getAsInt());
            if (container == null || container.intent == ContainerTask.Intent.REMOVE) {
                throw new IllegalArgumentException(
                        "no container " + containerId.getAsInt() + "; containers are " + containers.keySet());
            }
            targets.add(container);
        } else {
            containers.values().stream()
                    .filter(container -> container.intent == ContainerTask.Intent.RUN)
                    .forEach(targets::add);
        }
        for (ContainerTask container : targets) {
            container.failuresInRow = 0;
            if (container.hasTask()) {
                container.intent = ContainerTask.Intent.RESTART;
                kill(container);
            } else {
                container.phase = ContainerStatus.Phase.PENDING;
                container.notBeforeNanos = System.nanoTime();
            }
        }
        reviveIfPending();
    }

    /**
     * Kills the tasks of the given containers and forgets them once their tasks ended.
     *
     * @return the containers whose tasks did not end within {@code timeout}
     */
    public synchronized Set<Integer> remove(Set<Integer> ids, Duration timeout) throws InterruptedException {
        for (Integer id : ids) {
            ContainerTask container = containers.get(id);
            if (container == null) {
                continue;
            }
            container.intent = ContainerTask.Intent.REMOVE;
            if (container.hasTask()) {
                kill(container);
            } else {
                containers.remove(id);
            }
        }
        journal();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<Integer> left = new HashSet<>(ids);
            left.retainAll(containers.keySet());
            long wait = deadline - System.nanoTime();
            if (left.isEmpty() || wait <= 0) {
                return left;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(wait, KILL_RESEND.toNanos()));
        }
    }

    /**
     * Kills every task, waits for their terminal updates, then tears the framework down (the master forgets it).
     *
     * @return the task ids that did not report an end within {@code timeout} (the teardown still ends them)
     */
    public synchronized List<String> killAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        killing = true;
        while (!subscribedOnce && ended.isEmpty()) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                throw new MesosException(
                        0,
                        "could not subscribe to the Mesos master at " + driver.master() + " within " + timeout
                                + " to kill the topology's tasks");
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
        if (ended.isPresent()) {
            // The master no longer knows this framework: none of its tasks can still run.
            return List.of();
        }
        long lastKill = 0;
        while (true) {
            List<ContainerTask> running =
                    containers.values().stream().filter(ContainerTask::hasTask).toList();
            long now = System.nanoTime();
            if (running.isEmpty() || now - deadline >= 0) {
                List<String> left =
                        running.stream().map(container -> container.taskId).toList();
                teardown();
                return left;
            }
            if (lastKill == 0 || now - lastKill >= KILL_RESEND.toNanos()) {
                running.forEach(container -> {
                    container.intent = ContainerTask.Intent.KILL;
                    kill(container);
                });
                lastKill = now;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(deadline - now, KILL_RESEND.toNanos()));
        }
    }

    /** Disconnects without tearing down: the master keeps the tasks for the failover timeout. */
    @Override
    public void close() {
        driver.close();
        timer.shutdownNow();
    }

    private Call subscribeCall() {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder()
                .setUser(settings.user())
                .setName(settings.name())
                .addRoles(settings.role())
                .addCapabilities(
                        FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .setFailoverTimeout(settings.failoverTimeout().toMillis() / 1000.0)
                .setCheckpoint(true);
        if (!settings.principal().isEmpty()) {
            info.setPrincipal(settings.principal());
        }
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
        Optional<String> id;
        synchronized (this) {
            id = frameworkId;
        }
        id.ifPresent(value -> {
            info.setId(FrameworkID.newBuilder().setValue(value));
            call.setFrameworkId(FrameworkID.newBuilder().setValue(value));
        });
        return call.setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info))
                .build();
    }

    private synchronized void onSubscribed(Event.Subscribed subscribed) {
        String id = subscribed.getFrameworkId().getValue();
        boolean first = !subscribedOnce;
        frameworkId = Optional.of(id);
        subscribedOnce = true;
        suppressed = false;
        log.accept((first ? "subscribed" : "resubscribed") + " to " + driver.master() + " as framework " + id);
        journal();
        // After a reconnect, every task's state may have changed unseen: ask for all of them.
        if (!first) {
            containers.values().stream().filter(ContainerTask::hasTask).forEach(c -> reconciling.add(c.taskId));
        }
        if (!reconciling.isEmpty()) {
            Call.Reconcile.Builder reconcile = Call.Reconcile.newBuilder();
            for (String taskId : reconciling) {
                ContainerTask container = byTask.get(taskId);
                Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(taskId));
                if (container != null && container.agentId != null) {
                    task.setAgentId(AgentID.newBuilder().setValue(container.agentId));
                }
                reconcile.addTasks(task);
            }
            send(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(reconcile));
        }
        notifyAll();
        if (!killing) {
            reviveIfPending();
        }
    }

    private synchronized void onOffers(List<Offer> offers) {
        long now = System.nanoTime();
        List<OfferMatcher.Pending<ContainerTask>> pending = new ArrayList<>();
        if (!killing && reconciling.isEmpty()) {
            for (ContainerTask container : containers.values()) {
                if (container.isLaunchable(now)) {
                    pending.add(new OfferMatcher.Pending<>(container, container.demand));
                }
            }
        }
        if (pending.isEmpty()) {
            decline(offers, anyPending() ? settings.declineRefuse() : settings.idleRefuse());
            if (!anyPending() && !killing) {
                suppress();
            }
            return;
        }
        List<ResourcePools> pools = new ArrayList<>(offers.size());
        for (Offer offer : offers) {
            pools.add(OfferPools.of(offer, settings.role()));
        }
        largestOffer = largest(pools);
        OfferMatcher.Result<ContainerTask> result = OfferMatcher.match(pending, pools);
        Map<Integer, List<TaskInfo>> launches = new LinkedHashMap<>();
        for (OfferMatcher.Placement<ContainerTask> placement : result.placed()) {
            ContainerTask container = placement.key();
            Offer offer = offers.get(placement.offer());
            container.attempt++;
            String taskId = TaskNames.taskId(container.id, container.attempt);
            container.taskId = taskId;
            container.agentId = offer.getAgentId().getValue();
            container.phase = ContainerStatus.Phase.STARTING;
            container.detail = "launched on " + offer.getHostname();
            byTask.put(taskId, container);
            launches.computeIfAbsent(placement.offer(), index -> new ArrayList<>())
                    .add(template.task(taskId, container.id, offer, placement.allocation()));
        }
        for (OfferMatcher.Pending<ContainerTask> left : result.unplaced()) {
            left.key().detail = "no offer large enough: needs " + left.demand() + "; largest offer: " + largestOffer;
        }
        if (!launches.isEmpty()) {
            // Remembered before the master hears of it: a scheduler that dies now reconciles these tasks.
            journal();
        }
        List<Offer> unused = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            Offer offer = offers.get(i);
            List<TaskInfo> tasks = launches.get(i);
            if (tasks == null) {
                unused.add(offer);
                continue;
            }
            Call.Accept.Builder accept = Call.Accept.newBuilder()
                    .addOfferIds(offer.getId())
                    .addOperations(org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
                            .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH)
                            .setLaunch(org.apache.mesos.v1.Protos.Offer.Operation.Launch.newBuilder()
                                    .addAllTaskInfos(tasks)))
                    .setFilters(refuse(settings.declineRefuse()));
            send(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(accept));
            log.accept("launched "
                    + tasks.stream().map(t -> t.getTaskId().getValue()).toList() + " on " + offer.getHostname());
        }
        decline(unused, settings.declineRefuse());
    }

    private synchronized void onUpdate(TaskStatus status) {
        String taskId = status.getTaskId().getValue();
        if (status.hasUuid() && status.hasAgentId()) {
            send(Call.newBuilder()
                    .setType(Call.Type.ACKNOWLEDGE)
                    .setAcknowledge(Call.Acknowledge.newBuilder()
                            .setAgentId(status.getAgentId())
                            .setTaskId(status.getTaskId())
                            .setUuid(status.getUuid())));
        }
        boolean wasReconciling = reconciling.remove(taskId);
        ContainerTask container = byTask.get(taskId);
        boolean terminal = isTerminal(status.getState());
        if (container == null || !taskId.equals(container.taskId)) {
            if (!terminal) {
                // A task of an earlier attempt or an unrecorded launch: nothing may run twice.
                log.accept("killing stray task " + taskId + " (" + status.getState() + ")");
                Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(status.getTaskId());
                if (status.hasAgentId()) {
                    kill.setAgentId(status.getAgentId());
                }
                send(Call.newBuilder().setType(Call.Type.KILL).setKill(kill));
            }
            afterReconcile(wasReconciling);
            return;
        }
        if (status.hasAgentId()) {
            container.agentId = status.getAgentId().getValue();
        }
        if (!terminal) {
            switch (status.getState()) {
                case TASK_RUNNING -> {
                    if (container.phase != ContainerStatus.Phase.RUNNING) {
                        container.runningSinceNanos = System.nanoTime();
                    }
                    container.phase = ContainerStatus.Phase.RUNNING;
                    container.detail = "";
                }
                default -> {
                    container.phase = ContainerStatus.Phase.STARTING;
                    container.detail = status.getState().name();
                }
            }
            afterReconcile(wasReconciling);
            notifyAll();
            return;
        }
        byTask.remove(taskId);
        container.taskId = null;
        String why = describe(status);
        switch (container.intent) {
            case KILL, REMOVE -> {
                containers.remove(container.id);
                log.accept("task " + taskId + " of container " + container.id + " ended: " + why);
            }
            case RESTART -> {
                container.intent = ContainerTask.Intent.RUN;
                container.phase = ContainerStatus.Phase.PENDING;
                container.detail = "restarting";
                container.restarts++;
                container.notBeforeNanos = System.nanoTime();
            }
            case RUN -> relaunchLater(container, why);
        }
        afterReconcile(wasReconciling);
        journal();
        notifyAll();
        if (!killing) {
            reviveIfPending();
            if (!anyPending()) {
                suppress();
            }
        }
    }

    private void relaunchLater(ContainerTask container, String why) {
        long now = System.nanoTime();
        if (container.runningSinceNanos != 0 && now - container.runningSinceNanos >= STABLE_AFTER.toNanos()) {
            container.failuresInRow = 0;
        }
        container.runningSinceNanos = 0;
        container.failuresInRow++;
        if (container.failuresInRow > settings.maxRelaunches()) {
            container.phase = ContainerStatus.Phase.FAILED;
            container.detail = "gave up after " + settings.maxRelaunches() + " relaunches in a row; last: " + why;
            log.accept("container " + container.id + " failed for good: " + why);
            return;
        }
        Duration delay = settings.relaunch().delay(container.failuresInRow);
        container.phase = ContainerStatus.Phase.PENDING;
        container.restarts++;
        container.detail = "relaunching in " + delay.toMillis() + " ms after: " + why;
        container.notBeforeNanos = now + delay.toNanos();
        log.accept("container " + container.id + " ended (" + why + "); relaunch in " + delay.toMillis() + " ms");
        timer.schedule(this::reviveAfterBackoff, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reviveAfterBackoff() {
        if (!killing && ended.isEmpty()) {
            suppressed = true; // force a REVIVE: it also clears the refuse filters of declined offers
            reviveIfPending();
        }
    }

    private void afterReconcile(boolean wasReconciling) {
        if (wasReconciling && reconciling.isEmpty()) {
            log.accept("reconciliation complete");
            if (!killing) {
                suppressed = true;
                reviveIfPending();
            }
        }
    }

    private synchronized void onError(String message) {
        log.accept("the master ended this framework's subscription: " + message);
        ended = Optional.of(message);
        notifyAll();
        timer.execute(driver::close);
    }

    private synchronized void onRefused(MesosException refusal) {
        log.accept("the master refused the subscription: " + refusal.getMessage());
        ended = Optional.of(refusal.getMessage());
        notifyAll();
        timer.execute(driver::close);
    }

    private void teardown() {
        try {
            send(Call.newBuilder().setType(Call.Type.TEARDOWN));
        } catch (MesosException e) {
            // The tasks' ends were confirmed; only the framework record stays until its failover timeout.
            log.accept("TEARDOWN failed: " + e.getMessage());
        }
        ended = Optional.of("torn down");
        notifyAll();
        timer.execute(driver::close);
    }

    private void kill(ContainerTask container) {
        Call.Kill.Builder kill =
                Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(container.taskId));
        if (container.agentId != null) {
            kill.setAgentId(AgentID.newBuilder().setValue(container.agentId));
        }
        trySend(Call.newBuilder().setType(Call.Type.KILL).setKill(kill));
    }

    private boolean anyPending() {
        return containers.values().stream()
                .anyMatch(c -> c.phase == ContainerStatus.Phase.PENDING
                        && c.intent == ContainerTask.Intent.RUN
                        && !c.hasTask());
    }

    private void reviveIfPending() {
        if (anyPending() && suppressed && reconciling.isEmpty() && subscribedOnce) {
            if (trySend(Call.newBuilder()
                    .setType(Call.Type.REVIVE)
                    .setRevive(Call.Revive.newBuilder().addRoles(settings.role())))) {
                suppressed = false;
            }
        }
    }

    private void suppress() {
        if (!suppressed
                && subscribedOnce
                && trySend(Call.newBuilder()
                        .setType(Call.Type.SUPPRESS)
                        .setSuppress(Call.Suppress.newBuilder().addRoles(settings.role())))) {
            suppressed = true;
        }
    }

    private void decline(List<Offer> offers, Duration refuse) {
        if (offers.isEmpty()) {
            return;
        }
        Call.Decline.Builder decline = Call.Decline.newBuilder().setFilters(refuse(refuse));
        offers.stream().map(Offer::getId).forEach(decline::addOfferIds);
        trySend(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(decline));
    }

    private void journal() {
        Map<Integer, RecordedTasks.TaskRef> tasks = new TreeMap<>();
        for (ContainerTask container : containers.values()) {
            if (container.hasTask()) {
                tasks.put(container.id, new RecordedTasks.TaskRef(container.taskId, container.agentId));
            }
        }
        journal.accept(new RecordedTasks(frameworkId, tasks));
    }

    private void send(Call.Builder call) {
        trySend(call);
    }

    private boolean trySend(Call.Builder call) {
        try {
            driver.send(call);
            return true;
        } catch (MesosException e) {
            // The subscription broke; resubscribing reconciles every task, which repairs what this call missed.
            log.accept(call.getType() + " not delivered: " + e.getMessage());
            return false;
        }
    }

    private static Filters refuse(Duration duration) {
        return Filters.newBuilder()
                .setRefuseSeconds(duration.toMillis() / 1000.0)
                .build();
    }

    private static String largest(List<ResourcePools> pools) {
        long cpus = 0;
        long mem = 0;
        long disk = 0;
        long ports = 0;
        for (ResourcePools pool : pools) {
            cpus = Math.max(cpus, pool.total(ResourcePools.Scalar.CPUS));
            mem = Math.max(mem, pool.total(ResourcePools.Scalar.MEM));
            disk = Math.max(disk, pool.total(ResourcePools.Scalar.DISK));
            ports = Math.max(ports, pool.freePorts());
        }
        return "cpus " + Demand.units(cpus) + ", mem " + Demand.units(mem) + " MB, disk " + Demand.units(disk) + " MB, "
                + ports + " ports";
    }

    private static String describe(TaskStatus status) {
        StringBuilder text = new StringBuilder(status.getState().name());
        if (status.hasReason()) {
            text.append(" (").append(status.getReason().name()).append(')');
        }
        if (status.hasMessage() && !status.getMessage().isBlank()) {
            text.append(": ").append(status.getMessage());
        }
        return text.toString();
    }

    static boolean isTerminal(TaskState state) {
        return switch (state) {
            case TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_UNREACHABLE -> false;
            case TASK_FINISHED,
                    TASK_FAILED,
                    TASK_KILLED,
                    TASK_ERROR,
                    TASK_LOST,
                    TASK_DROPPED,
                    TASK_GONE,
                    TASK_GONE_BY_OPERATOR,
                    TASK_UNKNOWN -> true;
        };
    }

    /** The driver's events, each handled under the framework's lock. */
    private final class Listener implements MesosDriver.Listener {
        @Override
        public void onEvent(Event event) {
            switch (event.getType()) {
                case SUBSCRIBED -> onSubscribed(event.getSubscribed());
                case OFFERS -> onOffers(event.getOffers().getOffersList());
                case UPDATE -> onUpdate(event.getUpdate().getStatus());
                case ERROR -> onError(event.getError().getMessage());
                case FAILURE -> log.accept("failure reported: " + event.getFailure());
                case RESCIND,
                        RESCIND_INVERSE_OFFER,
                        INVERSE_OFFERS,
                        MESSAGE,
                        HEARTBEAT,
                        UPDATE_OPERATION_STATUS,
                        UNKNOWN -> {
                    // Offers are answered at once and never held, so a rescind needs nothing.
                }
            }
        }

        @Override
        public void onDisconnected(String reason) {
            log.accept("subscription lost: " + reason + "; resubscribing");
        }

        @Override
        public void onRefused(MesosException refusal) {
            TopologyFramework.this.onRefused(refusal);
        }
    }
}
