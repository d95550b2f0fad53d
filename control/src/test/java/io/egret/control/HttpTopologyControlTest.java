package io.egret.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.ports.out.TunnelPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class HttpTopologyControlTest {
    private static final TopologyId ID = TopologyId.of("word-count-1");

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpTopologyControl control =
            new HttpTopologyControl(Duration.ofSeconds(2), Duration.ofSeconds(1), DirectRoute.INSTANCE);
    private HttpServer server;
    private volatile int answerStatus = 200;
    private volatile String answerBody = "{\"message\":\"ok\"}";
    private volatile long answerDelayMillis;

    @BeforeEach
    void startMaster() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopMaster() {
        server.stop(0);
    }

    @Test
    void activatesAndDeactivatesWithTheTopologyId() {
        control.activate(master());
        control.deactivate(master());

        assertThat(requests)
                .containsExactly("POST /activate?topologyid=word-count-1", "POST /deactivate?topologyid=word-count-1");
    }

    @Test
    void wrongStateOrIdIsAConflictWithTheMastersMessage() {
        answerStatus = 400;
        answerBody = "{\"error\":\"topology id 'x' does not match\"}";

        assertThatThrownBy(() -> control.deactivate(master()))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("refused deactivate (HTTP 400): topology id 'x' does not match");
    }

    @Test
    void masterFailureIsInternal() {
        answerStatus = 500;
        answerBody = "spouts did not stop\n";

        assertThatThrownBy(() -> control.activate(master()))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("(HTTP 500): spouts did not stop");
    }

    @Test
    void sendsRuntimeConfigWithTheTopologyIdAsHeronDoes() {
        control.updateRuntimeConfig(
                master(),
                List.of(RuntimeConfigChange.parse("count:my.key:42"), RuntimeConfigChange.parse("topology.flag:on")));

        assertThat(requests)
                .containsExactly("POST /runtime_config/update?topologyid=word-count-1"
                        + "&runtime-config=count%3Amy.key%3A42&runtime-config=topology.flag%3Aon");
    }

    @Test
    void runtimeConfigRefusedByTheMasterIsAConflictAndItsFailureInternal() {
        answerStatus = 400;
        answerBody = "{\"error\":\"unknown component 'split'\"}";

        assertThatThrownBy(() -> control.updateRuntimeConfig(master(), List.of(RuntimeConfigChange.parse("a:b"))))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("refused the runtime config update (HTTP 400): unknown component 'split'");

        answerStatus = 500;
        answerBody = "{\"error\":\"container(s) [2] did not confirm\"}";

        assertThatThrownBy(() -> control.updateRuntimeConfig(master(), List.of(RuntimeConfigChange.parse("a:b"))))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("(HTTP 500): container(s) [2] did not confirm");
    }

    @Test
    void runtimeConfigToAClosedPortIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TopologyMasterLocation gone = new TopologyMasterLocation(ID, "127.0.0.1", closedPort, 1);

        assertThatThrownBy(() -> control.updateRuntimeConfig(gone, List.of(RuntimeConfigChange.parse("a:b"))))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("cannot reach the topology master at 127.0.0.1:" + closedPort
                        + " to the runtime config update");
    }

    @Test
    void readsStatus() {
        TopologyRuntimeStatus expected = new TopologyRuntimeStatus(
                TopologyState.RUNNING,
                List.of(new ComponentStatistics("count", 2, 0, 1234)),
                Map.of(1, true, 2, false));
        answerBody = EgretJson.toString(expected);

        assertThat(control.status(master())).isEqualTo(expected);
        assertThat(requests).containsExactly("GET /status");
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TopologyMasterLocation gone = new TopologyMasterLocation(ID, "127.0.0.1", closedPort, 1);

        assertThatThrownBy(() -> control.status(gone))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("cannot reach the topology master at 127.0.0.1:" + closedPort);
    }

    @Test
    void aMasterWhoseNameThisMachineCannotResolveIsUnreachableWithTheTunnelKeysAsHint() {
        TopologyMasterLocation inside = new TopologyMasterLocation(ID, "agent.cluster.invalid", 8080, 1);

        assertThatThrownBy(() -> control.deactivate(inside))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessage("cannot reach the topology master at agent.cluster.invalid:8080 to deactivate: this machine"
                        + " cannot resolve agent.cluster.invalid; if only the cluster knows that name, reach it through"
                        + " a jump host with heron.scheduler.is.tunnel.needed: true and heron.scheduler.tunnel.host");
    }

    @Test
    void slowMasterIsUnreachableAfterTheRequestTimeout() {
        answerDelayMillis = 1_500;

        assertThatThrownBy(() -> control.deactivate(master()))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("did not answer deactivate within 1 s");
    }

    @Test
    void reachesAMasterThroughTheRouteOncePerEndpointUntilClosed() {
        TestingRelay relay =
                new TestingRelay("master.cluster.invalid", server.getAddress().getPort());
        TopologyMasterLocation remote = new TopologyMasterLocation(
                ID, "master.cluster.invalid", server.getAddress().getPort(), 1);
        try (HttpTopologyControl tunnelled =
                new HttpTopologyControl(Duration.ofSeconds(2), Duration.ofSeconds(1), relay)) {
            tunnelled.deactivate(remote);
            tunnelled.activate(remote);

            assertThat(requests)
                    .containsExactly(
                            "POST /deactivate?topologyid=word-count-1", "POST /activate?topologyid=word-count-1");
            assertThat(relay.opened()).isEqualTo(1);
            assertThat(relay.open()).isEqualTo(1);
        } finally {
            relay.stop();
        }
        assertThat(relay.open()).as("closing the client closes its tunnels").isZero();
    }

    @Test
    void aTunnelThatCannotBeOpenedIsTheTunnelsError() {
        TunnelPort refusing = target -> {
            throw EgretException.unreachable("cannot tunnel to " + target + " through heron@bastion", null);
        };
        TopologyMasterLocation remote = new TopologyMasterLocation(ID, "master.cluster.invalid", 8080, 1);
        try (HttpTopologyControl tunnelled =
                new HttpTopologyControl(Duration.ofSeconds(2), Duration.ofSeconds(1), refusing)) {
            assertThatThrownBy(() -> tunnelled.activate(remote))
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                    .hasMessage("cannot tunnel to master.cluster.invalid:8080 through heron@bastion");
        }
    }

    private TopologyMasterLocation master() {
        return new TopologyMasterLocation(ID, "127.0.0.1", server.getAddress().getPort(), 1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " "
                + exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query));
        if (answerDelayMillis > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(answerDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = answerBody.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answerStatus, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }
}
