package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A Marathon REST API v2 behind DC/OS Admin Router, in process, following cluster-apis.md §1: the token check
 * (401/403 as Admin Router's HTML pages), id rules and validation (422 with details per path), 409 for an existing
 * group or app and for apps locked by a running deployment (unless {@code force=true}), deployments that live
 * until their apps reached their target, and a launch queue fed by agents of limited size. Tasks run through a
 * {@link TaskRunner}: real processes (so the executor really runs), or only on record.
 */
public final class MarathonSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LOCKED = "App is locked by one or more deployments. Override with the option"
            + " '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

    private final HttpServer server;
    private final String basePath;
    private final Optional<String> token;
    private final Optional<String> forbiddenToken;
    private final SimulatedCluster cluster;
    private final RecordingTaskRunner recording;
    private final ScheduledExecutorService ticker;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;

    private MarathonSimulator(Builder builder) throws IOException {
        this.basePath = builder.basePath;
        this.token = builder.token;
        this.forbiddenToken = builder.forbiddenToken;
        this.recording = builder.processRoot == null ? new RecordingTaskRunner() : null;
        TaskRunner runner = recording != null ? recording : new ProcessTaskRunner(builder.processRoot);
        this.cluster = new SimulatedCluster(builder.agents, runner, builder.killGrace, builder.agentEnvironment);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "marathon-simulator");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "marathon-simulator-agent");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::reconcile, 20, 50, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URI a client is configured with ({@code heron.marathon.scheduler.uri}). */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
    }

    /** Every request so far, as {@code METHOD path?query}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Answers every following request with this 5xx status (0 for normal service). */
    public void failWith(int status) {
        this.failWith = status;
    }

    public synchronized Set<String> groupIds() {
        return cluster.groupIds();
    }

    public synchronized Set<String> appIds() {
        return cluster.appIds();
    }

    /** Tasks that run or are still stopping. */
    public synchronized int liveTasks() {
        return cluster.liveTasks();
    }

    /**
     * Crashes a running task of the app (it ends on its own, as a process that dies): Marathon records it as the
     * app's {@code lastTaskFailure} and launches a replacement after its backoff.
     *
     * @return whether the app had a running task
     */
    public synchronized boolean crashTask(String appId) {
        return cluster.crash(appId);
    }

    public synchronized int deployments() {
        return cluster.deploymentsJson().size();
    }

    /** The commands and environments tasks were started with (only without real processes). */
    public List<StartedTask> startedTasks() {
        if (recording == null) {
            throw new IllegalStateException("this simulator runs real processes");
        }
        return recording.started().stream()
                .map(started -> new StartedTask(started.appId(), started.command(), started.environment()))
                .toList();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
        synchronized (this) {
            cluster.shutDown();
        }
    }

    private synchronized void reconcile() {
        try {
            cluster.reconcile();
        } catch (RuntimeException e) {
            // The agent loop must survive one bad step, as the real one does; the next step retries.
            System.err.println("marathon simulator: " + e);
        }
    }

    // ---- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String query =
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            requests.add(exchange.getRequestMethod() + " " + rawPath + (query.isEmpty() ? "" : "?" + query));
            if (!rawPath.startsWith(basePath + "/")) {
                sendHtml(exchange, 404, "<html><body><h1>404 Not Found</h1></body></html>", Map.of());
                return;
            }
            if (!authorized(exchange)) {
                return;
            }
            if (failWith != 0) {
                send(exchange, failWith, NODES.objectNode().put("message", "Service Unavailable (simulated)"));
                return;
            }
            Request request = new Request(
                    exchange.getRequestMethod(),
                    rawPath.substring(basePath.length()),
                    parse(query),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes());
            Response response;
            synchronized (this) {
                response = route(request);
            }
            response.deploymentId()
                    .ifPresent(id -> exchange.getResponseHeaders().add("Marathon-Deployment-Id", id));
            response.location()
                    .ifPresent(location -> exchange.getResponseHeaders().add("Location", location));
            send(exchange, response.status(), response.body());
        }
    }

    /** Admin Router: {@code Authorization: token=<jwt>} or {@code Bearer <jwt>}; 401/403 are HTML pages. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        if (token.isEmpty()) {
            return true;
        }
        String header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .orElse("");
        String presented = header.startsWith("token=")
                ? header.substring("token=".length())
                : header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : "";
        if (forbiddenToken.isPresent() && forbiddenToken.get().equals(presented)) {
            sendHtml(exchange, 403, "<html><body><h1>403 Forbidden</h1></body></html>", Map.of());
            return false;
        }
        if (!token.get().equals(presented)) {
            sendHtml(
                    exchange,
                    401,
                    "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>",
                    Map.of("WWW-Authenticate", "oauthjwt"));
            return false;
        }
        return true;
    }

    private Response route(Request request) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/v2/deployments") && method.equals("GET")) {
            return Response.ok(cluster.deploymentsJson());
        }
        if (path.equals("/v2/queue") && method.equals("GET")) {
            ObjectNode queue = NODES.objectNode();
            queue.set("queue", cluster.queueJson(request.all("embed").contains("lastUnusedOffers")));
            return Response.ok(queue);
        }
        if (path.equals("/v2/groups") || path.startsWith("/v2/groups/")) {
            return groups(request, path.substring("/v2/groups".length()));
        }
        if (path.equals("/v2/apps") || path.startsWith("/v2/apps/")) {
            return apps(request, path.substring("/v2/apps".length()));
        }
        return Response.message(404, "Path '" + path + "' does not exist");
    }

    private Response groups(Request request, String rest) {
        String groupId = normalise(rest);
        switch (request.method()) {
            case "GET" -> {
                if (!cluster.groupExists(groupId)) {
                    return Response.message(404, "Group '" + groupId + "' does not exist");
                }
                ObjectNode group = NODES.objectNode().put("id", groupId);
                ArrayNode apps = group.putArray("apps");
                Set<String> embed = new HashSet<>(request.all("embed"));
                boolean withApps = embed.isEmpty() || embed.stream().anyMatch(value -> value.startsWith("group.apps"));
                if (withApps) {
                    for (String appId : cluster.groupApps(groupId)) {
                        apps.add(cluster.appJson(appId, embed, false));
                    }
                }
                group.putArray("groups");
                group.putArray("pods");
                return Response.ok(group);
            }
            case "POST" -> {
                Optional<Response> refused = requireJson(request);
                if (refused.isPresent()) {
                    return refused.get();
                }
                JsonNode body = request.json();
                if (!body.isObject()) {
                    return invalidJson("error.expected.jsobject");
                }
                MarathonValidation validation = new MarathonValidation();
                String id = validation.id("/id", body.path("id"));
                List<JsonNode> apps = new ArrayList<>();
                int index = 0;
                for (JsonNode app : body.path("apps")) {
                    validation.app("/apps(" + index + ")", app, id);
                    apps.add(app);
                    index++;
                }
                if (!validation.valid()) {
                    return invalid(validation);
                }
                if (cluster.groupExists(id)) {
                    return Response.message(409, "Group " + id + " is already created. Use PUT to change this group.");
                }
                for (JsonNode app : apps) {
                    String appId = normalise(app.path("id").asText());
                    if (cluster.appExists(appId)) {
                        return Response.message(409, "An app with id [" + appId + "] already exists.");
                    }
                    ((ObjectNode) app).put("id", appId);
                }
                SimulatedCluster.Deployment deployment = cluster.createGroup(id, apps);
                return Response.deployment(201, deployment).withLocation(id);
            }
            case "PUT" -> {
                Optional<Response> refused = requireJson(request);
                if (refused.isPresent()) {
                    return refused.get();
                }
                if (!cluster.groupExists(groupId)) {
                    return Response.message(404, "Group '" + groupId + "' does not exist");
                }
                JsonNode body = request.json();
                if (!body.path("scaleBy").isNumber()) {
                    return Response.message(422, "the simulator only supports PUT with scaleBy");
                }
                Optional<Response> locked = lockCheck(request, cluster.groupApps(groupId));
                if (locked.isPresent()) {
                    return locked.get();
                }
                return Response.deployment(
                        200, cluster.scaleGroup(groupId, body.get("scaleBy").asDouble()));
            }
            case "DELETE" -> {
                if (!cluster.groupExists(groupId)) {
                    return Response.message(404, "Group '" + groupId + "' does not exist");
                }
                Optional<Response> locked = lockCheck(request, cluster.groupApps(groupId));
                if (locked.isPresent()) {
                    return locked.get();
                }
                return Response.deployment(200, cluster.deleteGroup(groupId));
            }
            default -> {
                return Response.message(405, "Method Not Allowed");
            }
        }
    }

    private Response apps(Request request, String rest) {
        if (rest.endsWith("/restart") && request.method().equals("POST")) {
            String appId = normalise(rest.substring(0, rest.length() - "/restart".length()));
            if (!cluster.appExists(appId)) {
                return Response.message(404, "App '" + appId + "' does not exist");
            }
            Optional<Response> locked = lockCheck(request, List.of(appId));
            if (locked.isPresent()) {
                return locked.get();
            }
            return Response.deployment(200, cluster.restartApp(appId));
        }
        if (rest.endsWith("/versions") && request.method().equals("GET")) {
            String appId = normalise(rest.substring(0, rest.length() - "/versions".length()));
            if (!cluster.appExists(appId)) {
                return Response.message(404, "App '" + appId + "' does not exist");
            }
            ObjectNode body = NODES.objectNode();
            ArrayNode versions = body.putArray("versions");
            cluster.appVersions(appId).forEach(versions::add);
            return Response.ok(body);
        }
        String appId = normalise(rest);
        Set<String> embed = new HashSet<>(request.all("embed"));
        switch (request.method()) {
            case "GET" -> {
                if (rest.isEmpty() || rest.equals("/")) {
                    String filter = request.first("id").orElse("");
                    ArrayNode apps = NODES.arrayNode();
                    for (String id : cluster.appIds()) {
                        if (id.contains(filter)) {
                            apps.add(cluster.appJson(id, embed, true));
                        }
                    }
                    ObjectNode body = NODES.objectNode();
                    body.set("apps", apps);
                    return Response.ok(body);
                }
                if (!cluster.appExists(appId)) {
                    return Response.message(404, "App '" + appId + "' does not exist");
                }
                ObjectNode body = NODES.objectNode();
                body.set("app", cluster.appJson(appId, embed, true));
                return Response.ok(body);
            }
            case "POST" -> {
                Optional<Response> refused = requireJson(request);
                if (refused.isPresent()) {
                    return refused.get();
                }
                JsonNode body = request.json();
                if (!body.isObject()) {
                    return invalidJson("error.expected.jsobject");
                }
                MarathonValidation validation = new MarathonValidation();
                validation.app("", body, null);
                if (!validation.valid()) {
                    return invalid(validation);
                }
                String id = normalise(body.path("id").asText());
                if (cluster.appExists(id)) {
                    return Response.message(409, "An app with id [" + id + "] already exists.");
                }
                ((ObjectNode) body).put("id", id);
                return Response.deployment(201, cluster.createApp((ObjectNode) body))
                        .withLocation(id);
            }
            case "DELETE" -> {
                if (!cluster.appExists(appId)) {
                    return Response.message(404, "App '" + appId + "' does not exist");
                }
                // DELETE /v2/apps defaults to force=true.
                Request forced = request.withDefault("force", "true");
                Optional<Response> locked = lockCheck(forced, List.of(appId));
                if (locked.isPresent()) {
                    return locked.get();
                }
                return Response.deployment(200, cluster.deleteApp(appId));
            }
            default -> {
                return Response.message(405, "Method Not Allowed");
            }
        }
    }

    /** 409 when a running deployment affects any of the apps, unless forced (which cancels those deployments). */
    private Optional<Response> lockCheck(Request request, List<String> appIds) {
        List<String> locking = cluster.locking(appIds);
        if (locking.isEmpty()) {
            return Optional.empty();
        }
        if (request.first("force").orElse("false").equals("true")) {
            cluster.cancel(locking);
            return Optional.empty();
        }
        ObjectNode body = NODES.objectNode().put("message", LOCKED);
        ArrayNode deployments = body.putArray("deployments");
        locking.forEach(id -> deployments.addObject().put("id", id));
        return Optional.of(new Response(409, body, Optional.empty(), Optional.empty()));
    }

    private static Optional<Response> requireJson(Request request) {
        String type = Optional.ofNullable(request.contentType()).orElse("");
        if (!type.startsWith("application/json")) {
            return Optional.of(Response.message(415, "Unsupported Media Type"));
        }
        try {
            JSON.readTree(request.body());
        } catch (IOException e) {
            ObjectNode body = NODES.objectNode().put("message", "Invalid JSON").put("details", e.getMessage());
            return Optional.of(new Response(400, body, Optional.empty(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static Response invalid(MarathonValidation validation) {
        ObjectNode body = NODES.objectNode().put("message", "Object is not valid");
        ArrayNode details = body.putArray("details");
        validation.violations().forEach((path, errors) -> {
            ObjectNode detail = details.addObject().put("path", path);
            ArrayNode list = detail.putArray("errors");
            errors.forEach(list::add);
        });
        return new Response(422, body, Optional.empty(), Optional.empty());
    }

    private static Response invalidJson(String error) {
        ObjectNode body = NODES.objectNode().put("message", "Invalid JSON");
        body.putArray("details").addObject().put("path", "").putArray("errors").add(error);
        return new Response(400, body, Optional.empty(), Optional.empty());
    }

    /** Leading and trailing {@code /} stripped, empty segments dropped, absolute. */
    private static String normalise(String id) {
        List<String> segments = new ArrayList<>();
        for (String segment : id.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> parameters = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : writeJson(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }

    private static void sendHtml(HttpExchange exchange, int status, String html, Map<String, String> headers)
            throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }

    private static byte[] writeJson(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a task was started with. */
    public record StartedTask(String appId, String command, Map<String, String> environment) {}

    /** A simulated agent's total resources (mem and disk in MiB). */
    public record Agent(double cpus, double mem, double disk) {}

    private record Request(
            String method, String path, Map<String, List<String>> query, String contentType, byte[] body) {
        List<String> all(String name) {
            return query.getOrDefault(name, List.of());
        }

        Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }

        Request withDefault(String name, String value) {
            if (query.containsKey(name)) {
                return this;
            }
            Map<String, List<String>> copy = new java.util.HashMap<>(query);
            copy.put(name, List.of(value));
            return new Request(method, path, copy, contentType, body);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Response(int status, JsonNode body, Optional<String> deploymentId, Optional<String> location) {
        static Response ok(JsonNode body) {
            return new Response(200, body, Optional.empty(), Optional.empty());
        }

        static Response message(int status, String message) {
            return new Response(status, NODES.objectNode().put("message", message), Optional.empty(), Optional.empty());
        }

        static Response deployment(int status, SimulatedCluster.Deployment deployment) {
            ObjectNode body =
                    NODES.objectNode().put("deploymentId", deployment.id()).put("version", deployment.version());
            return new Response(status, body, Optional.of(deployment.id()), Optional.empty());
        }

        Response withLocation(String id) {
            return new Response(status, body, deploymentId, Optional.of(id));
        }
    }

    /** Configures a simulator. */
    public static final class Builder {
        private String basePath = "";
        private Optional<String> token = Optional.empty();
        private Optional<String> forbiddenToken = Optional.empty();
        private List<Agent> agents = List.of(new Agent(8, 16384, 65536));
        private Path processRoot;
        private Duration killGrace = Duration.ofSeconds(5);
        private Map<String, String> agentEnvironment = Map.of();

        /** Where Marathon is mounted, such as {@code /service/marathon} behind Admin Router. */
        public Builder basePath(String basePath) {
            this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
            return this;
        }

        /** Requires this token. */
        public Builder token(String token) {
            this.token = Optional.of(token);
            return this;
        }

        /** A token that is valid but not allowed (403). */
        public Builder forbiddenToken(String token) {
            this.forbiddenToken = Optional.of(token);
            return this;
        }

        public Builder agents(List<Agent> agents) {
            this.agents = List.copyOf(agents);
            return this;
        }

        /** Runs each task's command as a process with its sandbox under this directory. */
        public Builder processes(Path root) {
            this.processRoot = root;
            return this;
        }

        /**
         * Variables every task gets from its agent, such as {@code EGRET_EXECUTOR_JAVA_OPTS} with a hosts file in
         * which the cluster's own names ({@code leader.mesos}) resolve, as they do inside a DC/OS cluster.
         */
        public Builder agentEnvironment(Map<String, String> environment) {
            this.agentEnvironment = Map.copyOf(environment);
            return this;
        }

        public Builder killGrace(Duration killGrace) {
            this.killGrace = killGrace;
            return this;
        }

        public MarathonSimulator start() {
            try {
                return new MarathonSimulator(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the Marathon simulator", e);
            }
        }
    }
}
