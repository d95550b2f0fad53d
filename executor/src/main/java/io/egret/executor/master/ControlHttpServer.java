package io.egret.executor.master;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egret.codec.EgretJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The topology master's HTTP control API.
 *
 * <ul>
 *   <li>{@code GET /health}: 200 {@code ok}
 *   <li>{@code POST /activate?topologyid=ID}, {@code POST /deactivate?topologyid=ID} (GET is accepted too, as
 *       Heron's client sends it): 200 once done (deactivate: once spouts stopped), 400 for a wrong or missing
 *       topology id, 500 when containers did not confirm in time; bodies are JSON {@code {"message": ...}} or
 *       {@code {"error": ...}}
 *   <li>{@code POST /runtime_config/update?topologyid=ID&runtime-config=ITEM&runtime-config=ITEM...} (Heron's
 *       request; items are {@code [COMPONENT:]NAME:VALUE}): 200 once every container applied the items, 400 for a
 *       wrong or missing topology id, a malformed item or an unknown component, 500 when containers did not
 *       confirm in time
 *   <li>{@code GET /status}: 200 with a {@code TopologyRuntimeStatus} as JSON
 * </ul>
 */
public final class ControlHttpServer implements AutoCloseable {
    /**
     * The JDK server's switch for TCP_NODELAY on accepted connections. Without it every small answer waits for the
     * client's delayed ACK (~40 ms per request on Linux). The JDK reads it once, when its server classes load, so it
     * is set here before the first server is created (unless the operator chose a value); {@code heron-executor}
     * also passes it on the java command line.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    public ControlHttpServer(TopologyMaster master, String bindHost, int port) throws IOException {
        requireNonNull(master, "master is null");
        requireNonNull(bindHost, "bindHost is null");
        this.server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "tmaster-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respondJson(exchange, 405, Map.of("error", "use GET /health"));
                return;
            }
            respond(exchange, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/activate", exchange -> control(exchange, master::activate));
        server.createContext("/deactivate", exchange -> control(exchange, master::deactivate));
        server.createContext(
                "/runtime_config/update",
                exchange -> control(
                        exchange,
                        topologyId -> master.updateRuntimeConfig(
                                topologyId,
                                queryParameters(exchange.getRequestURI().getRawQuery(), "runtime-config"))));
        server.createContext("/status", exchange -> {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respondJson(exchange, 405, Map.of("error", "use GET /status"));
                return;
            }
            respond(exchange, 200, "application/json", EgretJson.toBytes(master.status()));
        });
        server.createContext(
                "/",
                exchange -> respondJson(
                        exchange,
                        404,
                        Map.of(
                                "error",
                                "no such endpoint " + exchange.getRequestURI().getPath())));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void control(HttpExchange exchange, Function<String, TopologyMaster.ControlResult> action)
            throws IOException {
        String method = exchange.getRequestMethod();
        if (!"POST".equals(method) && !"GET".equals(method)) {
            respondJson(
                    exchange,
                    405,
                    Map.of("error", "use POST " + exchange.getRequestURI().getPath()));
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String topologyId = queryParameter(exchange.getRequestURI().getRawQuery(), "topologyid");
        TopologyMaster.ControlResult result;
        try {
            result = action.apply(topologyId);
        } catch (RuntimeException e) {
            respondJson(exchange, 500, Map.of("error", "the topology master failed: " + e.getMessage()));
            return;
        }
        String key = result.httpStatus() == 200 ? "message" : "error";
        respondJson(exchange, result.httpStatus(), Map.of(key, result.message()));
    }

    static String queryParameter(String rawQuery, String name) {
        List<String> values = queryParameters(rawQuery, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a repeated query parameter, in order; empty when it is absent. */
    static List<String> queryParameters(String rawQuery, String name) {
        if (rawQuery == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respondJson(HttpExchange exchange, int status, Map<String, String> body) throws IOException {
        respond(exchange, status, "application/json", EgretJson.toBytes(body));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
