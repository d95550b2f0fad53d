package io.egret.adapters.mesos;

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
 * The Mesos scheduler service's HTTP API, in the same shape as the local scheduler service's so that operators
 * and tools see one protocol: {@code POST /kill}, {@code /restart}, {@code /containers/add},
 * {@code /containers/remove}, {@code GET /status}; JSON bodies; errors as
 * {@code {"status":"ERROR","code":...,"message":...}}. Requests naming another incarnation in
 * {@value #TOPOLOGY_ID_HEADER} are refused.
 */
final class ServiceHttpApi implements AutoCloseable {
    static final String TOPOLOGY_ID_HEADER = "X-Egret-Topology-Id";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    /** What the API serves. */
    interface Operations {
        void kill(JsonNode request) throws InterruptedException;

        void restart(JsonNode request);

        void add(JsonNode request);

        void remove(JsonNode request) throws InterruptedException;

        Iterable<ContainerStatus> status();

        /** Runs after a successful kill was answered. */
        void afterKill();
    }

    private final Operations operations;
    private final String topologyId;
    private final HttpServer server;
    private final ExecutorService executor;

    ServiceHttpApi(Operations operations, String topologyId, String host) throws IOException {
        this.operations = requireNonNull(operations, "operations is null");
        this.topologyId = requireNonNull(topologyId, "topologyId is null");
        this.server = HttpServer.create(new InetSocketAddress(requireNonNull(host, "host is null"), 0), 16);
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mesos-scheduler-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(
                "/kill",
                exchange -> handle(
                        exchange,
                        "POST",
                        body -> {
                            operations.kill(body);
                            return ok();
                        },
                        true));
        server.createContext(
                "/restart",
                exchange -> handle(
                        exchange,
                        "POST",
                        body -> {
                            operations.restart(body);
                            return ok();
                        },
                        false));
        server.createContext(
                "/containers/add",
                exchange -> handle(
                        exchange,
                        "POST",
                        body -> {
                            operations.add(body);
                            return ok();
                        },
                        false));
        server.createContext(
                "/containers/remove",
                exchange -> handle(
                        exchange,
                        "POST",
                        body -> {
                            operations.remove(body);
                            return ok();
                        },
                        false));
        server.createContext(
                "/status",
                exchange -> handle(
                        exchange,
                        "GET",
                        body -> {
                            ObjectNode answer = ok();
                            ArrayNode containers = answer.putArray("containers");
                            for (ContainerStatus status : operations.status()) {
                                containers.add(EgretJson.mapper().valueToTree(status));
                            }
                            return answer;
                        },
                        false));
    }

    void start() {
        server.start();
    }

    Endpoint endpoint() {
        InetSocketAddress address = server.getAddress();
        return new Endpoint(address.getHostString(), address.getPort());
    }

    @Override
    public void close() {
        Thread stopper = new Thread(() -> server.stop(0), "mesos-scheduler-http-stop");
        stopper.setDaemon(true);
        stopper.start();
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, String method, Handler handler, boolean isKill) throws IOException {
        try {
            JsonNode answer;
            int status;
            boolean killed = false;
            try {
                if (!exchange.getRequestMethod().equals(method)) {
                    throw EgretException.userError(exchange.getRequestURI().getPath() + " takes " + method);
                }
                String addressee = exchange.getRequestHeaders().getFirst(TOPOLOGY_ID_HEADER);
                if (addressee != null && !addressee.equals(topologyId)) {
                    throw EgretException.conflict("this scheduler service runs topology id " + topologyId + ", not "
                            + addressee + "; the request's scheduler location is stale");
                }
                answer = handler.handle(body(exchange));
                status = 200;
                killed = isKill;
            } catch (EgretException e) {
                answer = error(e.code(), e.getMessage());
                status = switch (e.code()) {
                    case USER_ERROR -> 400;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case UNREACHABLE, INTERNAL -> 500;
                };
            } catch (IllegalArgumentException e) {
                answer = error(ErrorCode.NOT_FOUND, e.getMessage());
                status = 404;
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

    private static JsonNode body(HttpExchange exchange) {
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

    @FunctionalInterface
    private interface Handler {
        JsonNode handle(JsonNode body) throws InterruptedException;
    }
}
