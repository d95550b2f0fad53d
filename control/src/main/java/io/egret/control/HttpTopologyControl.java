package io.egret.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.codec.EgretJson;
import io.egret.control.http.LoopbackHttp;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.ports.out.TunnelPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Talks to a topology master's HTTP control API: {@code POST /activate?topologyid=ID},
 * {@code POST /deactivate?topologyid=ID},
 * {@code POST /runtime_config/update?topologyid=ID&runtime-config=ITEM&runtime-config=ITEM...} (Heron's request)
 * and {@code GET /status}. Every call has a connect and a request timeout;
 * deactivate waits for the master, which answers only once spouts stopped, so its request timeout must exceed the
 * master's own state-change timeout.
 *
 * <p>The master is reached through a {@link TunnelPort}: the target itself when it is reachable (the local
 * cluster, or {@code heron.scheduler.is.tunnel.needed} false), else the local end of a tunnel through the jump
 * host. A tunnel is opened on the first call to a master endpoint and kept for later calls of the same command
 * until {@link #close()}.
 *
 * <p>Errors: {@code UNREACHABLE} when the master cannot be reached or does not answer in time, {@code CONFLICT}
 * for 400 (wrong topology id or state), {@code INTERNAL} for 500 and any other unexpected answer.
 */
public final class HttpTopologyControl implements TopologyControlPort, AutoCloseable {
    /** Connect timeout used by {@link #direct()}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Request timeout used by {@link #direct()}: above the master's default 15 s state-change timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final LoopbackHttp client;
    private final Duration requestTimeout;
    private final TunnelPort route;
    private final Map<Endpoint, TunnelPort.Tunnel> tunnels = new ConcurrentHashMap<>();

    /**
     * @param route how to reach a master's control endpoint: the endpoint itself, or a tunnel to it
     */
    public HttpTopologyControl(Duration connectTimeout, Duration requestTimeout, TunnelPort route) {
        requireNonNull(connectTimeout, "connectTimeout is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.route = requireNonNull(route, "route is null");
        this.client = new LoopbackHttp(connectTimeout, requestTimeout);
    }

    /** Default timeouts, masters reached directly. */
    public static HttpTopologyControl direct() {
        return new HttpTopologyControl(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DirectRoute.INSTANCE);
    }

    /** Closes the tunnels opened to masters; a later call opens them again. */
    @Override
    public void close() {
        for (Endpoint endpoint : List.copyOf(tunnels.keySet())) {
            TunnelPort.Tunnel tunnel = tunnels.remove(endpoint);
            if (tunnel != null) {
                tunnel.close();
            }
        }
    }

    @Override
    public void activate(TopologyMasterLocation master) {
        post(master, "activate");
    }

    @Override
    public void deactivate(TopologyMasterLocation master) {
        post(master, "deactivate");
    }

    @Override
    public void updateRuntimeConfig(TopologyMasterLocation master, List<RuntimeConfigChange> changes) {
        requireNonNull(master, "master is null");
        requireNonNull(changes, "changes is null");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("no runtime config changes to send");
        }
        StringBuilder query = new StringBuilder("?topologyid=")
                .append(URLEncoder.encode(master.topologyId().value(), StandardCharsets.UTF_8));
        for (RuntimeConfigChange change : changes) {
            query.append("&runtime-config=").append(URLEncoder.encode(change.item(), StandardCharsets.UTF_8));
        }
        String action = "the runtime config update";
        checkStatus(
                master, action, send(master, "POST", uri(master, "/runtime_config/update" + query), Map.of(), action));
    }

    @Override
    public TopologyRuntimeStatus status(TopologyMasterLocation master) {
        requireNonNull(master, "master is null");
        LoopbackHttp.Response response =
                send(master, "GET", uri(master, "/status"), Map.of("Accept", "application/json"), "status");
        checkStatus(master, "status", response);
        try {
            return EgretJson.fromBytes(response.body(), TopologyRuntimeStatus.class);
        } catch (UncheckedIOException e) {
            throw EgretException.internal(
                    "the topology master at " + master.controllerEndpoint() + " sent a status that is not valid: "
                            + e.getMessage(),
                    e);
        }
    }

    private void post(TopologyMasterLocation master, String action) {
        requireNonNull(master, "master is null");
        String query = "?topologyid=" + URLEncoder.encode(master.topologyId().value(), StandardCharsets.UTF_8);
        checkStatus(master, action, send(master, "POST", uri(master, "/" + action + query), Map.of(), action));
    }

    /** The master's address as this process reaches it: itself, or the local end of a tunnel to it. */
    private URI uri(TopologyMasterLocation master, String pathAndQuery) {
        Endpoint reachable = tunnels.computeIfAbsent(new Endpoint(master.host(), master.controllerPort()), route::open)
                .endpoint();
        String host = reachable.host().contains(":") ? "[" + reachable.host() + "]" : reachable.host();
        return URI.create("http://" + host + ":" + reachable.port() + pathAndQuery);
    }

    private LoopbackHttp.Response send(
            TopologyMasterLocation master, String method, URI uri, Map<String, String> headers, String action) {
        try {
            return client.send(method, uri, headers, null);
        } catch (LoopbackHttp.ConnectTimeoutException e) {
            throw EgretException.unreachable(
                    "cannot connect to the topology master at " + master.controllerEndpoint() + " to " + action
                            + ": connect timed out",
                    e);
        } catch (LoopbackHttp.ReadTimeoutException e) {
            throw EgretException.unreachable(
                    "the topology master at " + master.controllerEndpoint() + " did not answer " + action + " within "
                            + requestTimeout.toSeconds() + " s",
                    e);
        } catch (IOException e) {
            throw EgretException.unreachable(
                    "cannot reach the topology master at " + master.controllerEndpoint() + " to " + action + ": "
                            + describe(e),
                    e);
        }
    }

    private static void checkStatus(TopologyMasterLocation master, String action, LoopbackHttp.Response response) {
        int status = response.status();
        if (status == 200) {
            return;
        }
        String detail = errorMessage(response.body());
        String message = "the topology master at " + master.controllerEndpoint() + " refused " + action + " (HTTP "
                + status + "): " + detail;
        if (status == 400) {
            throw EgretException.conflict(message);
        }
        throw new EgretException(ErrorCode.INTERNAL, message);
    }

    /** The master's {@code {"error": ...}} text, or the body itself on one line. */
    private static String errorMessage(byte[] body) {
        try {
            JsonNode json = EgretJson.mapper().readTree(body);
            if (json != null && json.hasNonNull("error")) {
                return json.get("error").asText();
            }
        } catch (IOException e) {
            // Not JSON: fall back to the raw text below.
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "no details" : text;
    }

    private static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "this machine cannot resolve " + e.getMessage() + "; if only the cluster knows that name, reach it"
                    + " through a jump host with heron.scheduler.is.tunnel.needed: true and heron.scheduler.tunnel.host";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
