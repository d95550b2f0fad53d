package io.egret.control.service;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scheduler service's HTTP API, JSON in and out:
 *
 * <ul>
 *   <li>{@code POST /kill} {@code {"timeoutMillis": n}}: ends every container; once answered, the service goes;
 *   <li>{@code POST /restart} {@code {"containerId": n}} (or {@code {}} for all);
 *   <li>{@code POST /containers/add} {@code {"containers": [ids], ...}};
 *   <li>{@code POST /containers/remove} {@code {"containers": [ids], "timeoutMillis": n}};
 *   <li>{@code GET /status}: {@code {"containers": [{"containerId", "phase", "detail", "restarts"}]}}.
 * </ul>
 *
 * <p>Success is {@code 200 {"status": "OK", ...}}; failures carry Egret's error code and message:
 * {@code {"status": "ERROR", "code": "NOT_FOUND", "message": "..."}} with 400, 404, 409 or 500. A request naming
 * another incarnation in {@value #TOPOLOGY_ID_HEADER} is refused (409).
 */
public final class SchedulerServiceServer implements AutoCloseable {
    /**
     * The header naming the incarnation a request is meant for. A recorded endpoint can outlive its service and
     * its port be taken by another topology's service: that one must refuse, not obey, a stale client's kill.
     */
    public static final String TOPOLOGY_ID_HEADER = "X-Egret-Topology-Id";

    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** What the API does; each may throw {@link EgretException} to answer with its code. */
    public interface Operations {
        void kill(JsonNode request) throws InterruptedException;

        void restart(JsonNode request) throws InterruptedException;

        void add(JsonNode request) throws InterruptedException;

        void remove(JsonNode request) throws InterruptedException;

        Iterable<ContainerStatus> status();

        /** Runs once a successful kill was answered (the service may exit then). */
        void afterKill();
    }

    private final Operations operations;
    private final String topologyId;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * @param topologyId the incarnation this service runs; requests naming another one are refused
     * @param port where to listen; 0 for any free port
     * @param threadName the name of the API's threads, for thread dumps
     */
    public SchedulerServiceServer(Operations operations, String topologyId, String host, int port, String threadName)
            throws IOException {
        this.operations = requireNonNull(operations, "operations is null");
        this.topologyId = requireNonNull(topologyId, "topologyId is null");
        requireNonNull(threadName, "threadName is null");
        this.server = HttpServer.create(new InetSocketAddress(requireNonNull(host, "host is null"), port), 16);
        // Two threads: a status request must be answered while a kill waits for containers to go.
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/kill", exchange -> handle(exchange, "POST", operations::kill, true));
        server.createContext("/restart", exchange -> handle(exchange, "POST", operations::restart, false));
        server.createContext("/containers/add", exchange -> handle(exchange, "POST", operations::add, false));
        server.createContext("/containers/remove", exchange -> handle(exchange, "POST", operations::remove, false));
        server.createContext("/status", exchange -> handle(exchange, "GET", request -> {}, false));
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

    private void handle(HttpExchange exchange, String method, Operation operation, boolean isKill) throws IOException {
        try {
            JsonNode answer;
            int status;
            boolean killed = false;
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
                operation.run(readBody(exchange));
                answer = method.equals("GET") ? statusAnswer() : ok();
                status = 200;
                killed = isKill;
            } catch (EgretException e) {
                answer = error(e.code(), e.getMessage());
                status = statusCode(e.code());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer = error(ErrorCode.INTERNAL, "interrupted");
                status = 500;
            } catch (RuntimeException e) {
                answer = error(ErrorCode.INTERNAL, String.valueOf(e));
                status = 500;
            }
            byte[] bytes = EgretJson.toBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(bytes);
            }
            if (killed) {
                operations.afterKill();
            }
        } finally {
            exchange.close();
        }
    }

    private JsonNode statusAnswer() {
        ObjectNode answer = ok();
        ArrayNode containers = answer.putArray("containers");
        for (ContainerStatus status : operations.status()) {
            containers.add(EgretJson.mapper().valueToTree(status));
        }
        return answer;
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

    private static ObjectNode ok() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "OK");
        return body;
    }

    private static ObjectNode error(ErrorCode code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "ERROR");
        body.put("code", code.name());
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
    private interface Operation {
        void run(JsonNode request) throws InterruptedException;
    }
}
