package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The scheduler service's HTTP API, JSON in and out:
 *
 * <ul>
 *   <li>{@code POST /kill} {@code {"timeoutMillis": n}}: ends every executor and waits until none is left, then
 *       the service exits;
 *   <li>{@code POST /restart} {@code {"containerId": n}} (or {@code {}} for all);
 *   <li>{@code POST /containers/add} {@code {"containers": [ids]}};
 *   <li>{@code POST /containers/remove} {@code {"containers": [ids], "timeoutMillis": n}};
 *   <li>{@code GET /status}: {@code {"containers": [{"containerId", "phase", "detail", "restarts"}]}}.
 * </ul>
 *
 * <p>Success is {@code 200 {"status": "OK", ...}}; failures carry Egret's error code and message:
 * {@code {"status": "ERROR", "code": "NOT_FOUND", "message": "..."}} with 400, 404, 409 or 500.
 */
public final class SchedulerHttpApi implements AutoCloseable {
    /**
     * The header naming the incarnation a request is meant for. A recorded endpoint can outlive its service and
     * its port be taken by another topology's service: that one must refuse, not obey, a stale client's kill.
     */
    public static final String TOPOLOGY_ID_HEADER = "X-Egret-Topology-Id";

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ExecutorSupervisor supervisor;
    private final String topologyId;
    private final Runnable onKilled;
    private final Duration defaultTimeout;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param topologyId the incarnation this service runs; requests naming another one are refused
     * @param onKilled called once a kill succeeded and its response was sent
     * @param defaultTimeout the kill and remove timeout when a request names none
     */
    public SchedulerHttpApi(
            ExecutorSupervisor supervisor,
            String topologyId,
            String host,
            int port,
            Duration defaultTimeout,
            Runnable onKilled)
            throws IOException {
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.topologyId = requireNonNull(topologyId, "topologyId is null");
        this.onKilled = requireNonNull(onKilled, "onKilled is null");
        this.defaultTimeout = requireNonNull(defaultTimeout, "defaultTimeout is null");
        this.server = HttpServer.create(new InetSocketAddress(requireNonNull(host, "host is null"), port), 16);
        // Two threads: a status request must be answered while a kill waits for executors to go.
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "egret-scheduler-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/kill", exchange -> handle(exchange, "POST", this::kill));
        server.createContext("/restart", exchange -> handle(exchange, "POST", this::restart));
        server.createContext("/containers/add", exchange -> handle(exchange, "POST", this::add));
        server.createContext("/containers/remove", exchange -> handle(exchange, "POST", this::remove));
        server.createContext("/status", exchange -> handle(exchange, "GET", this::status));
    }

    public void start() {
        server.start();
    }

    /** Where the API listens. */
    public Endpoint endpoint() {
        InetSocketAddress address = server.getAddress();
        return new Endpoint(address.getHostString(), address.getPort());
    }

    @Override
    public void close() {
        // The JDK server's stop() waits for its dispatcher thread, which notices only at its next one-second
        // select timeout; a killed service exits right after this, so nothing needs to wait for that.
        Thread stopper = new Thread(() -> server.stop(0), "scheduler-api-stop");
        stopper.setDaemon(true);
        stopper.start();
        executor.shutdownNow();
    }

    private Response kill(JsonNode request) {
        supervisor.killAll(timeout(request));
        return new Response(ok(), onKilled);
    }

    private Response restart(JsonNode request) {
        JsonNode containerId = request.get("containerId");
        supervisor.restart(
                containerId == null || containerId.isNull()
                        ? OptionalInt.empty()
                        : OptionalInt.of(integer(containerId)));
        return new Response(ok(), null);
    }

    private Response add(JsonNode request) {
        supervisor.start(containerIds(request));
        return new Response(ok(), null);
    }

    private Response remove(JsonNode request) {
        supervisor.remove(containerIds(request), timeout(request));
        return new Response(ok(), null);
    }

    private Response status(JsonNode request) {
        ObjectNode body = ok();
        ArrayNode containers = body.putArray("containers");
        for (ContainerStatus status : supervisor.status()) {
            containers.add(EgretJson.mapper().valueToTree(status));
        }
        return new Response(body, null);
    }

    private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        try {
            Response response;
            int statusCode;
            try {
                if (!exchange.getRequestMethod().equals(method)) {
                    throw EgretException.userError(exchange.getRequestURI().getPath() + " takes " + method + ", not "
                            + exchange.getRequestMethod());
                }
                String addressee = exchange.getRequestHeaders().getFirst(TOPOLOGY_ID_HEADER);
                if (addressee != null && !addressee.equals(topologyId)) {
                    throw EgretException.conflict("this scheduler service runs topology id " + topologyId + ", not "
                            + addressee + "; the request's scheduler location is stale");
                }
                response = handler.handle(readBody(exchange));
                statusCode = 200;
            } catch (EgretException e) {
                response = new Response(error(e.code().name(), e.getMessage()), null);
                statusCode = statusCode(e.code());
            } catch (RuntimeException e) {
                response = new Response(error(ErrorCode.INTERNAL.name(), String.valueOf(e)), null);
                statusCode = 500;
            }
            byte[] body = EgretJson.toBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(statusCode, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
            if (response.afterResponse() != null) {
                response.afterResponse().run();
            }
        } finally {
            exchange.close();
        }
    }

    private static JsonNode readBody(HttpExchange exchange) {
        try (InputStream input = exchange.getRequestBody()) {
            byte[] bytes = input.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw EgretException.userError("request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (bytes.length == 0) {
                return JsonNodeFactory.instance.objectNode();
            }
            JsonNode body = EgretJson.mapper().readTree(new String(bytes, UTF_8));
            if (body == null || !body.isObject()) {
                throw EgretException.userError("request body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new EgretException(ErrorCode.USER_ERROR, "unreadable request body: " + e.getMessage(), e);
        }
    }

    private Duration timeout(JsonNode request) {
        JsonNode millis = request.get("timeoutMillis");
        return millis == null || millis.isNull() ? defaultTimeout : Duration.ofMillis(millis.asLong());
    }

    private static List<Integer> containerIds(JsonNode request) {
        JsonNode containers = request.get("containers");
        if (containers == null || !containers.isArray()) {
            throw EgretException.userError("the request needs \"containers\": [container ids]");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : containers) {
            ids.add(integer(id));
        }
        return ids;
    }

    private static int integer(JsonNode node) {
        if (!node.canConvertToInt()) {
            throw EgretException.userError("not a container id: " + node);
        }
        return node.intValue();
    }

    private static ObjectNode ok() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "OK");
        return body;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "ERROR");
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    private static int statusCode(ErrorCode code) {
        return switch (code) {
            case USER_ERROR -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNREACHABLE, INTERNAL -> 500;
        };
    }

    @FunctionalInterface
    private interface Handler {
        Response handle(JsonNode request);
    }

    /** A response body and what to do once it was sent (the kill ends the service only after answering). */
    private record Response(JsonNode body, Runnable afterResponse) {}
}
