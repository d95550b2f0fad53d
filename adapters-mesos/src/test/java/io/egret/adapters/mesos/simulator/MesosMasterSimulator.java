package io.egret.adapters.mesos.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egret.adapters.mesos.protocol.RecordIo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A Mesos master speaking the v1 scheduler HTTP API (reference/cluster-apis.md §2) with the official protobuf
 * classes, for tests. What it checks and answers as Mesos 1.11 does:
 *
 * <ul>
 *   <li>{@code POST /api/v1/scheduler} only (405 otherwise); {@code Content-Type} compared byte for byte (400 when
 *       missing, 415 when neither {@code application/json} nor {@code application/x-protobuf}); body parsed as a
 *       {@code Call} (400 "Failed to parse body into Call protobuf"); a non-leading master answers 307 with a
 *       protocol-relative {@code Location} to the leader;
 *   <li>SUBSCRIBE: must not carry {@code Mesos-Stream-Id}; {@code framework_id} and {@code framework_info.id}
 *       must agree; answered 200 with a new stream id and a RecordIO stream: SUBSCRIBED, then HEARTBEATs; a second
 *       SUBSCRIBE of the same framework gets the stream, the old one gets ERROR "Framework failed over"; a removed
 *       framework gets ERROR "Framework has been removed";
 *   <li>other calls: stream id present (400) and matching (400), {@code framework_id} present (400), framework
 *       known (400) and subscribed (403); success is 202 with an empty body;
 *   <li>offers from simulated agents with finite resources, minus running tasks and outstanding offers, honouring
 *       DECLINE filters ({@code refuse_seconds}, default 5), SUPPRESS and REVIVE; ACCEPT checks every offer id and
 *       that the tasks fit the offers, else TASK_LOST with REASON_INVALID_OFFERS;
 *   <li>task updates STARTING, RUNNING, then FINISHED / FAILED / KILLED as the local process ends; agent-sourced
 *       updates carry a uuid and are re-sent on resubscription until acknowledged; KILL of an unknown task and
 *       RECONCILE of unknown tasks answer TASK_LOST; a framework disconnected past its failover timeout loses its
 *       tasks; TEARDOWN kills everything and removes the framework; a lost agent's tasks become TASK_LOST.
 * </ul>
 *
 * <p>Deliberate limits: event streams and bodies are protobuf only (a JSON request or a JSON-preferring
 * {@code Accept} is answered 501 naming the limit); no authentication; no operations but LAUNCH.
 */
public final class MesosMasterSimulator implements AutoCloseable {
    private static final String PATH = "/api/v1/scheduler";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";
    private static final double DEFAULT_REFUSE_SECONDS = 5.0;

    private final Object lock = new Object();
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(daemon("mesos-sim-http"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("mesos-sim"));
    private final ExecutorService taskThreads = Executors.newCachedThreadPool(daemon("mesos-sim-task"));
    private final Path workDirectory;
    private final Duration heartbeat;
    private final String masterId = UUID.randomUUID().toString();
    private final Map<String, SimulatedAgent> agents = new LinkedHashMap<>();
    private final Map<String, Framework> frameworks = new LinkedHashMap<>();
    private final Set<String> removedFrameworks = new HashSet<>();
    private final Map<String, OutstandingOffer> offers = new HashMap<>();
    private final List<String> callLog = new CopyOnWriteArrayList<>();
    private final AtomicLong launches = new AtomicLong();
    private final AtomicLong counter = new AtomicLong();
    private volatile Optional<MesosMasterSimulator> leader = Optional.empty();

    /**
     * @param workDirectory where task sandboxes go
     * @param heartbeat the heartbeat interval announced in SUBSCRIBED (Mesos: 15 s)
     */
    public MesosMasterSimulator(Path workDirectory, Duration heartbeat) throws IOException {
        this.workDirectory = workDirectory;
        this.heartbeat = heartbeat;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        ticker.scheduleWithFixedDelay(this::tick, 50, 50, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(
                this::heartbeats, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes this master a non-leading one that redirects every call to {@code other}. */
    public void redirectTo(MesosMasterSimulator other) {
        leader = Optional.of(other);
    }

    public void addAgent(SimulatedAgent agent) {
        synchronized (lock) {
            agents.put(agent.id(), agent);
        }
    }

    /** Removes an agent as if it failed: its processes die, its tasks become TASK_LOST, its offers are rescinded. */
    public void loseAgent(String agentId) {
        List<Runnable> after = new ArrayList<>();
        synchronized (lock) {
            agents.remove(agentId);
            for (Framework framework : frameworks.values()) {
                for (Task task : new ArrayList<>(framework.tasks.values())) {
                    if (task.agentId.equals(agentId) && !isTerminal(task.state)) {
                        task.lostWithAgent = true;
                        after.add(() -> task.runner().ifPresent(runner -> runner.kill(Duration.ofMillis(200))));
                        update(
                                framework,
                                task,
                                TaskState.TASK_LOST,
                                TaskStatus.Reason.REASON_AGENT_REMOVED,
                                "Agent " + agentId + " removed",
                                TaskStatus.Source.SOURCE_MASTER,
                                false);
                    }
                }
            }
            for (OutstandingOffer offer : new ArrayList<>(offers.values())) {
                if (offer.agentId.equals(agentId)) {
                    offers.remove(offer.id);
                    Framework framework = frameworks.get(offer.frameworkId);
                    if (framework != null) {
                        send(
                                framework,
                                Event.newBuilder()
                                        .setType(Event.Type.RESCIND)
                                        .setRescind(Event.Rescind.newBuilder()
                                                .setOfferId(OfferID.newBuilder().setValue(offer.id)))
                                        .build());
                    }
                }
            }
        }
        after.forEach(Runnable::run);
    }

    /** Every call the master accepted, as {@code TYPE}, in order. */
    public List<String> calls() {
        return List.copyOf(callLog);
    }

    /** How many tasks were launched in total. */
    public long launches() {
        return launches.get();
    }

    /** The non-terminal tasks of every framework: task id to its state and agent. */
    public Map<String, TaskView> liveTasks() {
        synchronized (lock) {
            Map<String, TaskView> live = new LinkedHashMap<>();
            for (Framework framework : frameworks.values()) {
                framework.tasks.values().stream()
                        .filter(task -> !isTerminal(task.state))
                        .forEach(task -> live.put(
                                task.id, new TaskView(task.id, framework.id, task.agentId, task.state, task.sandbox)));
            }
            return live;
        }
    }

    /** The ids of frameworks the master knows (connected or within their failover timeout). */
    public Set<String> frameworkIds() {
        synchronized (lock) {
            return Set.copyOf(frameworks.keySet());
        }
    }

    /** Whether the framework has an open subscription stream. */
    public boolean isConnected(String frameworkId) {
        synchronized (lock) {
            Framework framework = frameworks.get(frameworkId);
            return framework != null && framework.stream != null;
        }
    }

    /** A task as tests see it. */
    public record TaskView(String taskId, String frameworkId, String agentId, TaskState state, Path sandbox) {}

    @Override
    public void close() {
        List<Task> all = new ArrayList<>();
        synchronized (lock) {
            for (Framework framework : frameworks.values()) {
                all.addAll(framework.tasks.values());
                if (framework.stream != null) {
                    framework.stream.close();
                }
            }
        }
        ticker.shutdownNow();
        for (Task task : all) {
            task.runner().ifPresent(runner -> runner.kill(Duration.ofMillis(500)));
        }
        server.stop(0);
        handlers.shutdownNow();
        taskThreads.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------------
    // HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                respond(exchange, 404, "");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, "Expecting 'POST', received '" + exchange.getRequestMethod() + "'");
                return;
            }
            Optional<MesosMasterSimulator> other = leader;
            if (other.isPresent()) {
                URI target = other.get().uri();
                exchange.getResponseHeaders().set("Location", "//" + target.getHost() + ":" + target.getPort() + PATH);
                respond(exchange, 307, "");
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null) {
                respond(exchange, 400, "Expecting 'Content-Type' to be present");
                return;
            }
            if (!contentType.equals(PROTOBUF) && !contentType.equals(JSON)) {
                respond(exchange, 415, "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF);
                return;
            }
            if (contentType.equals(JSON)) {
                respond(exchange, 501, "this simulator decodes protobuf bodies only");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Call call;
            try {
                call = Call.parseFrom(body);
            } catch (InvalidProtocolBufferException e) {
                respond(exchange, 400, "Failed to parse body into Call protobuf: " + e.getMessage());
                return;
            }
            if (call.getType() == Call.Type.UNKNOWN) {
                respond(exchange, 501, "Received an unknown call type");
                return;
            }
            if (call.getType() == Call.Type.SUBSCRIBE) {
                subscribe(exchange, call);
                return;
            }
            Answer answer = call(exchange, call);
            respond(exchange, answer.status, answer.message);
        } catch (RuntimeException e) {
            respond(exchange, 500, String.valueOf(e));
        } finally {
            exchange.close();
        }
    }

    private record Answer(int status, String message) {}

    private Answer call(HttpExchange exchange, Call call) {
        String streamId = exchange.getRequestHeaders().getFirst("Mesos-Stream-Id");
        if (streamId == null) {
            return new Answer(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!call.hasFrameworkId()) {
            return new Answer(400, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
        }
        synchronized (lock) {
            Framework framework = frameworks.get(call.getFrameworkId().getValue());
            if (framework == null) {
                return new Answer(400, "Framework cannot be found");
            }
            if (framework.stream == null) {
                return new Answer(403, "Framework is not subscribed");
            }
            if (!framework.stream.id.equals(streamId)) {
                return new Answer(
                        400,
                        "The stream ID '" + streamId + "' included in this request didn't match"
                                + " the stream ID currently associated with framework ID " + framework.id);
            }
            Optional<String> invalid = validate(call);
            if (invalid.isPresent()) {
                return new Answer(400, "Failed to validate scheduler::Call: " + invalid.get());
            }
            callLog.add(call.getType().name());
            switch (call.getType()) {
                case ACCEPT -> accept(framework, call.getAccept());
                case DECLINE ->
                    decline(
                            framework,
                            call.getDecline().getOfferIdsList(),
                            call.getDecline().getFilters());
                case REVIVE -> {
                    framework.suppressed = false;
                    framework.filters.clear();
                }
                case SUPPRESS -> framework.suppressed = true;
                case KILL -> kill(framework, call.getKill().getTaskId().getValue());
                case ACKNOWLEDGE ->
                    framework.unacknowledged.remove(call.getAcknowledge().getUuid());
                case RECONCILE -> reconcile(framework, call.getReconcile());
                case TEARDOWN -> teardown(framework);
                case SUBSCRIBE,
                        UNKNOWN,
                        ACCEPT_INVERSE_OFFERS,
                        DECLINE_INVERSE_OFFERS,
                        SHUTDOWN,
                        ACKNOWLEDGE_OPERATION_STATUS,
                        RECONCILE_OPERATIONS,
                        MESSAGE,
                        REQUEST,
                        UPDATE_FRAMEWORK -> {
                    // Accepted and ignored, as the built-in allocator ignores REQUEST.
                }
            }
        }
        return new Answer(202, "");
    }

    private static Optional<String> validate(Call call) {
        return switch (call.getType()) {
            case ACCEPT -> call.hasAccept() ? Optional.empty() : Optional.of("Expecting 'accept' to be present");
            case DECLINE -> call.hasDecline() ? Optional.empty() : Optional.of("Expecting 'decline' to be present");
            case KILL -> call.hasKill() ? Optional.empty() : Optional.of("Expecting 'kill' to be present");
            case ACKNOWLEDGE ->
                call.hasAcknowledge() ? Optional.empty() : Optional.of("Expecting 'acknowledge' to be present");
            case RECONCILE ->
                call.hasReconcile() ? Optional.empty() : Optional.of("Expecting 'reconcile' to be present");
            default -> Optional.empty();
        };
    }

    private void subscribe(HttpExchange exchange, Call call) throws IOException {
        if (exchange.getRequestHeaders().getFirst("Mesos-Stream-Id") != null) {
            respond(exchange, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept == null || accept.contains(JSON) || accept.contains("*/*")) {
            respond(exchange, 501, "this simulator streams protobuf events only; send 'Accept: " + PROTOBUF + "'");
            return;
        }
        if (!accept.contains(PROTOBUF)) {
            respond(exchange, 406, "Expecting 'Accept' to allow " + JSON + " or " + PROTOBUF);
            return;
        }
        if (!call.hasSubscribe()) {
            respond(exchange, 400, "Failed to validate scheduler::Call: Expecting 'subscribe' to be present");
            return;
        }
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        if (call.hasFrameworkId() != info.hasId()
                || call.hasFrameworkId() && !call.getFrameworkId().equals(info.getId())) {
            respond(
                    exchange,
                    400,
                    "Failed to validate scheduler::Call: 'framework_id' differs from"
                            + " 'subscribe.framework_info.id'");
            return;
        }
        Stream stream = new Stream(UUID.randomUUID().toString(), exchange);
        exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
        exchange.getResponseHeaders().set("Mesos-Stream-Id", stream.id);
        exchange.sendResponseHeaders(200, 0);
        synchronized (lock) {
            callLog.add("SUBSCRIBE");
            String id = info.hasId() ? info.getId().getValue() : UUID.randomUUID() + "-0000";
            if (removedFrameworks.contains(id)) {
                stream.write(Event.newBuilder()
                        .setType(Event.Type.ERROR)
                        .setError(Event.Error.newBuilder().setMessage("Framework has been removed"))
                        .build());
                stream.close();
            } else {
                Framework framework = frameworks.computeIfAbsent(id, Framework::new);
                framework.info = info;
                framework.failoverDeadline = Long.MAX_VALUE;
                if (framework.stream != null) {
                    framework.stream.write(Event.newBuilder()
                            .setType(Event.Type.ERROR)
                            .setError(Event.Error.newBuilder().setMessage("Framework failed over"))
                            .build());
                    framework.stream.close();
                }
                framework.stream = stream;
                framework.suppressed = call.getSubscribe().getSuppressedRolesCount() > 0;
                framework.filters.clear();
                // Offers of an earlier connection are rescinded on failover.
                offers.values().removeIf(offer -> offer.frameworkId.equals(id));
                stream.write(Event.newBuilder()
                        .setType(Event.Type.SUBSCRIBED)
                        .setSubscribed(Event.Subscribed.newBuilder()
                                .setFrameworkId(FrameworkID.newBuilder().setValue(id))
                                .setHeartbeatIntervalSeconds(heartbeat.toMillis() / 1000.0)
                                .setMasterInfo(MasterInfo.newBuilder()
                                        .setId(masterId)
                                        .setIp(0x0100007f)
                                        .setPort(server.getAddress().getPort())
                                        .setHostname("127.0.0.1")))
                        .build());
                // The agents retry updates that were never acknowledged.
                for (TaskStatus status : framework.unacknowledged.values()) {
                    stream.write(updateEvent(status));
                }
            }
        }
        try {
            stream.closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = message.getBytes(UTF_8);
        if (!message.isEmpty()) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Calls (under lock)

    private void accept(Framework framework, Call.Accept accept) {
        List<TaskInfo> tasks = new ArrayList<>();
        accept.getOperationsList().stream()
                .filter(operation -> operation.getType() == Offer.Operation.Type.LAUNCH)
                .forEach(operation -> tasks.addAll(operation.getLaunch().getTaskInfosList()));
        List<OutstandingOffer> used = new ArrayList<>();
        Optional<String> invalid = Optional.empty();
        for (OfferID offerId : accept.getOfferIdsList()) {
            OutstandingOffer offer = offers.get(offerId.getValue());
            if (offer == null || !offer.frameworkId.equals(framework.id)) {
                invalid = Optional.of("Offer " + offerId.getValue() + " is no longer valid");
            } else {
                used.add(offer);
            }
        }
        used.forEach(offer -> offers.remove(offer.id));
        if (invalid.isEmpty()
                && used.stream().map(offer -> offer.agentId).distinct().count() > 1) {
            invalid = Optional.of("Aggregated offers must belong to one single agent");
        }
        Resources.Pool available = new Resources.Pool();
        used.forEach(offer -> offer.resources.forEach(available::add));
        for (TaskInfo task : tasks) {
            if (invalid.isPresent()) {
                lost(framework, task, invalid.get());
                continue;
            }
            String agentId = used.get(0).agentId;
            if (!task.getAgentId().getValue().equals(agentId)) {
                lost(
                        framework,
                        task,
                        "Task uses agent " + task.getAgentId().getValue() + " but the offer is for " + agentId);
                continue;
            }
            Task existing = framework.tasks.get(task.getTaskId().getValue());
            if (existing != null && !isTerminal(existing.state)) {
                error(
                        framework,
                        task,
                        "Task has duplicate ID: " + task.getTaskId().getValue());
                continue;
            }
            if (!task.hasCommand() || task.hasExecutor()) {
                error(
                        framework,
                        task,
                        "Task should have at least one (but not both) of CommandInfo or" + " ExecutorInfo present");
                continue;
            }
            if (!available.subtract(task.getResourcesList())) {
                error(
                        framework,
                        task,
                        "Task uses more resources " + task.getResourcesList() + " than available "
                                + available.toResources());
                continue;
            }
            launch(framework, task, agentId);
        }
        if (!used.isEmpty()) {
            filter(framework, used.get(0).agentId, accept.hasFilters() ? accept.getFilters() : null);
        }
    }

    private void lost(Framework framework, TaskInfo info, String message) {
        Task task = new Task(info.getTaskId().getValue(), info.getAgentId().getValue(), info);
        framework.tasks.put(task.id, task);
        update(
                framework,
                task,
                TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_INVALID_OFFERS,
                "Task launched with invalid offers: " + message,
                TaskStatus.Source.SOURCE_MASTER,
                false);
    }

    private void error(Framework framework, TaskInfo info, String message) {
        Task task = new Task(info.getTaskId().getValue(), info.getAgentId().getValue(), info);
        if (!framework.tasks.containsKey(task.id)) {
            framework.tasks.put(task.id, task);
        }
        TaskStatus status = TaskStatus.newBuilder()
                .setTaskId(info.getTaskId())
                .setState(TaskState.TASK_ERROR)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_TASK_INVALID)
                .setMessage(message)
                .build();
        send(framework, updateEvent(status));
    }

    private void launch(Framework framework, TaskInfo info, String agentId) {
        Task task = new Task(info.getTaskId().getValue(), agentId, info);
        task.sandbox = workDirectory.resolve("agents/" + agentId + "/frameworks/" + framework.id + "/executors/"
                + task.id + "/runs/" + counter.incrementAndGet());
        framework.tasks.put(task.id, task);
        launches.incrementAndGet();
        update(framework, task, TaskState.TASK_STARTING, null, "", TaskStatus.Source.SOURCE_EXECUTOR, true);
        taskThreads.execute(() -> start(framework, task));
    }

    private void start(Framework framework, Task task) {
        Map<String, String> environment = Map.of(
                "MESOS_TASK_ID", task.id,
                "MESOS_AGENT_ID", task.agentId,
                "MESOS_FRAMEWORK_ID", framework.id);
        try {
            TaskRunner runner = TaskRunner.start(
                    task.sandbox, task.info.getCommand(), environment, status -> exited(framework, task, status));
            synchronized (lock) {
                task.runner = runner;
                if (task.state == TaskState.TASK_STARTING) {
                    update(framework, task, TaskState.TASK_RUNNING, null, "", TaskStatus.Source.SOURCE_EXECUTOR, true);
                }
                if (task.killRequested || isTerminal(task.state)) {
                    taskThreads.execute(() -> runner.kill(Duration.ofSeconds(3)));
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                update(
                        framework,
                        task,
                        TaskState.TASK_FAILED,
                        TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
                        e.getMessage(),
                        TaskStatus.Source.SOURCE_AGENT,
                        true);
            }
        }
    }

    private void exited(Framework framework, Task task, int status) {
        synchronized (lock) {
            if (isTerminal(task.state)) {
                return;
            }
            if (task.killRequested) {
                update(
                        framework,
                        task,
                        TaskState.TASK_KILLED,
                        null,
                        "Command terminated with signal Terminated",
                        TaskStatus.Source.SOURCE_EXECUTOR,
                        true);
            } else if (status == 0) {
                update(
                        framework,
                        task,
                        TaskState.TASK_FINISHED,
                        null,
                        "Command exited with status 0",
                        TaskStatus.Source.SOURCE_EXECUTOR,
                        true);
            } else {
                update(
                        framework,
                        task,
                        TaskState.TASK_FAILED,
                        TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
                        "Command exited with status " + status,
                        TaskStatus.Source.SOURCE_EXECUTOR,
                        true);
            }
        }
    }

    private void decline(Framework framework, List<OfferID> offerIds, Filters filters) {
        for (OfferID offerId : offerIds) {
            OutstandingOffer offer = offers.remove(offerId.getValue());
            if (offer != null && offer.frameworkId.equals(framework.id)) {
                filter(framework, offer.agentId, filters);
            }
        }
    }

    private void filter(Framework framework, String agentId, Filters filters) {
        double seconds = filters == null || !filters.hasRefuseSeconds() || filters.getRefuseSeconds() < 0
                ? DEFAULT_REFUSE_SECONDS
                : Math.min(filters.getRefuseSeconds(), 31536000);
        framework.filters.put(agentId, System.nanoTime() + (long) (seconds * 1e9));
    }

    private void kill(Framework framework, String taskId) {
        Task task = framework.tasks.get(taskId);
        if (task == null || isTerminal(task.state)) {
            TaskStatus status = TaskStatus.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(taskId))
                    .setState(TaskState.TASK_LOST)
                    .setSource(TaskStatus.Source.SOURCE_MASTER)
                    .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                    .setMessage("Attempted to kill an unknown task")
                    .build();
            send(framework, updateEvent(status));
            return;
        }
        task.killRequested = true;
        TaskRunner runner = task.runner;
        if (runner != null) {
            taskThreads.execute(() -> runner.kill(Duration.ofSeconds(3)));
        }
    }

    private void reconcile(Framework framework, Call.Reconcile reconcile) {
        Collection<String> ids = reconcile.getTasksCount() == 0
                ? framework.tasks.values().stream()
                        .filter(task -> !isTerminal(task.state))
                        .map(task -> task.id)
                        .toList()
                : reconcile.getTasksList().stream()
                        .map(t -> t.getTaskId().getValue())
                        .toList();
        for (String id : ids) {
            Task task = framework.tasks.get(id);
            TaskStatus.Builder status = TaskStatus.newBuilder()
                    .setTaskId(TaskID.newBuilder().setValue(id))
                    .setSource(TaskStatus.Source.SOURCE_MASTER)
                    .setReason(TaskStatus.Reason.REASON_RECONCILIATION);
            if (task == null) {
                status.setState(TaskState.TASK_LOST).setMessage("Reconciliation: Task is unknown");
            } else {
                status.setState(task.state).setAgentId(AgentID.newBuilder().setValue(task.agentId));
                status.setMessage("Reconciliation: Latest task state");
            }
            send(framework, updateEvent(status.build()));
        }
    }

    private void teardown(Framework framework) {
        removeFramework(framework);
    }

    private void removeFramework(Framework framework) {
        frameworks.remove(framework.id);
        removedFrameworks.add(framework.id);
        offers.values().removeIf(offer -> offer.frameworkId.equals(framework.id));
        for (Task task : framework.tasks.values()) {
            if (!isTerminal(task.state)) {
                task.killRequested = true;
                task.state = TaskState.TASK_KILLED;
                TaskRunner runner = task.runner;
                if (runner != null) {
                    taskThreads.execute(() -> runner.kill(Duration.ofSeconds(3)));
                }
            }
        }
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Updates, offers, heartbeats

    private void update(
            Framework framework,
            Task task,
            TaskState state,
            TaskStatus.Reason reason,
            String message,
            TaskStatus.Source source,
            boolean reliable) {
        task.state = state;
        TaskStatus.Builder status = TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue(task.id))
                .setState(state)
                .setSource(source)
                .setAgentId(AgentID.newBuilder().setValue(task.agentId))
                .setTimestamp(System.currentTimeMillis() / 1000.0);
        if (reason != null) {
            status.setReason(reason);
        }
        if (!message.isEmpty()) {
            status.setMessage(message);
        }
        if (reliable) {
            ByteString uuid = uuidBytes();
            status.setUuid(uuid);
            framework.unacknowledged.put(uuid, status.build());
        }
        send(framework, updateEvent(status.build()));
    }

    private static Event updateEvent(TaskStatus status) {
        return Event.newBuilder()
                .setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(status))
                .build();
    }

    private void send(Framework framework, Event event) {
        if (framework.stream != null && !framework.stream.write(event)) {
            disconnected(framework);
        }
    }

    private void disconnected(Framework framework) {
        if (framework.stream != null) {
            framework.stream.close();
            framework.stream = null;
        }
        offers.values().removeIf(offer -> offer.frameworkId.equals(framework.id));
        double timeout = framework.info == null ? 0 : framework.info.getFailoverTimeout();
        framework.failoverDeadline = System.nanoTime() + (long) (timeout * 1e9);
    }

    private void tick() {
        try {
            synchronized (lock) {
                long now = System.nanoTime();
                for (Framework framework : new ArrayList<>(frameworks.values())) {
                    if (framework.stream != null && framework.stream.isClosed()) {
                        disconnected(framework);
                    }
                    if (framework.stream == null && now - framework.failoverDeadline >= 0) {
                        removeFramework(framework);
                    }
                }
                for (Framework framework : frameworks.values()) {
                    if (framework.stream == null || framework.suppressed) {
                        continue;
                    }
                    List<Offer> batch = new ArrayList<>();
                    for (SimulatedAgent agent : agents.values()) {
                        Long until = framework.filters.get(agent.id());
                        if (until != null && now - until < 0) {
                            continue;
                        }
                        framework.filters.remove(agent.id());
                        Resources.Pool free = free(agent);
                        if (free.isEmpty()) {
                            continue;
                        }
                        String role = framework.info.getRolesCount() > 0 ? framework.info.getRoles(0) : "*";
                        List<Resource> resources = new ArrayList<>();
                        for (Resource resource : free.toResources()) {
                            String reserved = Resources.role(resource);
                            if (reserved.isEmpty() || reserved.equals(role)) {
                                resources.add(resource.toBuilder()
                                        .setAllocationInfo(Resource.AllocationInfo.newBuilder()
                                                .setRole(role))
                                        .build());
                            }
                        }
                        if (resources.isEmpty()) {
                            continue;
                        }
                        OutstandingOffer offer = new OutstandingOffer(
                                "offer-" + counter.incrementAndGet(), framework.id, agent.id(), resources);
                        offers.put(offer.id, offer);
                        batch.add(Offer.newBuilder()
                                .setId(OfferID.newBuilder().setValue(offer.id))
                                .setFrameworkId(FrameworkID.newBuilder().setValue(framework.id))
                                .setAgentId(AgentID.newBuilder().setValue(agent.id()))
                                .setHostname(agent.hostname())
                                .setAllocationInfo(
                                        Resource.AllocationInfo.newBuilder().setRole(role))
                                .addAllResources(resources)
                                .build());
                    }
                    if (!batch.isEmpty()) {
                        send(
                                framework,
                                Event.newBuilder()
                                        .setType(Event.Type.OFFERS)
                                        .setOffers(Event.Offers.newBuilder().addAllOffers(batch))
                                        .build());
                    }
                }
            }
        } catch (RuntimeException e) {
            // A ticker that dies would silently stop every offer; keep going.
            e.printStackTrace();
        }
    }

    /** What the agent has, minus its live tasks and its outstanding offers. */
    private Resources.Pool free(SimulatedAgent agent) {
        Resources.Pool pool = Resources.Pool.of(agent.resources());
        for (Framework framework : frameworks.values()) {
            for (Task task : framework.tasks.values()) {
                if (task.agentId.equals(agent.id()) && !isTerminal(task.state)) {
                    pool.subtract(stripAllocation(task.info.getResourcesList()));
                }
            }
        }
        for (OutstandingOffer offer : offers.values()) {
            if (offer.agentId.equals(agent.id())) {
                pool.subtract(stripAllocation(offer.resources));
            }
        }
        return pool;
    }

    private static List<Resource> stripAllocation(List<Resource> resources) {
        return resources.stream()
                .map(r -> r.toBuilder().clearAllocationInfo().build())
                .toList();
    }

    private void heartbeats() {
        synchronized (lock) {
            for (Framework framework : new ArrayList<>(frameworks.values())) {
                send(framework, Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
            }
        }
    }

    private static boolean isTerminal(TaskState state) {
        return switch (state) {
            case TASK_STAGING, TASK_STARTING, TASK_RUNNING, TASK_KILLING, TASK_UNREACHABLE -> false;
            default -> true;
        };
    }

    private static ByteString uuidBytes() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(buffer.array());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // State

    private static final class Framework {
        final String id;
        FrameworkInfo info;
        Stream stream;
        boolean suppressed;
        long failoverDeadline = Long.MAX_VALUE;
        final Map<String, Long> filters = new HashMap<>();
        final Map<String, Task> tasks = new LinkedHashMap<>();
        final Map<ByteString, TaskStatus> unacknowledged = new LinkedHashMap<>();

        Framework(String id) {
            this.id = id;
        }
    }

    private static final class Task {
        final String id;
        final String agentId;
        final TaskInfo info;
        TaskState state = TaskState.TASK_STAGING;
        Path sandbox;
        volatile TaskRunner runner;
        boolean killRequested;
        boolean lostWithAgent;

        Task(String id, String agentId, TaskInfo info) {
            this.id = id;
            this.agentId = agentId;
            this.info = info;
        }

        Optional<TaskRunner> runner() {
            return Optional.ofNullable(runner);
        }
    }

    private record OutstandingOffer(String id, String frameworkId, String agentId, List<Resource> resources) {}

    /** One subscription's response stream. */
    private static final class Stream {
        final String id;
        final HttpExchange exchange;
        final CountDownLatch closed = new CountDownLatch(1);

        Stream(String id, HttpExchange exchange) {
            this.id = id;
            this.exchange = exchange;
        }

        /** Writes one RecordIO record; false when the connection is gone. */
        boolean write(Event event) {
            if (isClosed()) {
                return false;
            }
            try {
                OutputStream output = exchange.getResponseBody();
                output.write(RecordIo.encode(event.toByteArray()));
                output.flush();
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        boolean isClosed() {
            return closed.getCount() == 0;
        }

        void close() {
            if (!isClosed()) {
                try {
                    exchange.getResponseBody().close();
                } catch (IOException e) {
                    // Already gone.
                }
                closed.countDown();
            }
        }
    }
}
