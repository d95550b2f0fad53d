package io.egret.modules.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.sun.net.httpserver.HttpServer;
import io.egret.adapters.ssh.testing.Conditions;
import io.egret.adapters.ssh.testing.TestTimeouts;
import io.egret.adapters.ssh.testing.TestingEchoServer;
import io.egret.adapters.ssh.testing.TestingSshServer;
import io.egret.control.DirectRoute;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.TokenEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.modules.EgretWiring;
import io.egret.modules.config.ClusterConfigLoader;
import io.egret.modules.config.ConfigRequest;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TunnelPort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tunnels as the wiring builds them from a cluster's config, against a real SSH server (Apache MINA SSHD) that
 * alone knows the names {@code master.cluster.invalid} and {@code zk.cluster.invalid}.
 */
final class TunnelWiringTest {
    private static final Path CONF = Path.of("src/test/resources/heron-conf").toAbsolutePath();
    private static final TopologyId ID = TopologyId.of("word-count-1");

    @TempDir
    Path home;

    private TestingSshServer ssh;
    private TestingEchoServer zookeeper;
    private HttpServer master;
    private final List<String> masterRequests = new CopyOnWriteArrayList<>();
    private Path key;
    private Path knownHosts;

    @BeforeEach
    void startServers() throws IOException {
        key = home.resolve("id_ecdsa");
        Path authorizedKeys = home.resolve("authorized_keys");
        Files.writeString(authorizedKeys, TestingSshServer.generateClientKey(key) + "\n");
        master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/", exchange -> {
            masterRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        });
        master.start();
        zookeeper = new TestingEchoServer();
        ssh = new TestingSshServer(
                authorizedKeys, Map.of("master.cluster.invalid", "127.0.0.1", "zk.cluster.invalid", "127.0.0.1"));
        knownHosts = home.resolve("known_hosts");
        Files.writeString(knownHosts, ssh.knownHostsLine() + "\n");
    }

    @AfterEach
    void stopServers() {
        ssh.close();
        zookeeper.close();
        master.stop(0);
    }

    @Test
    void withoutTunnelsEverythingIsReachedDirectly() {
        Injector injector = EgretWiring.injector(context(List.of()), "0.1.0");
        try {
            assertThat(injector.getInstance(Key.get(TunnelPort.class, StateManagerTunnel.class)))
                    .isSameAs(DirectRoute.INSTANCE);
            assertThat(injector.getInstance(Key.get(TunnelPort.class, SchedulerTunnel.class)))
                    .isSameAs(DirectRoute.INSTANCE);
            assertThat(injector.getInstance(StateStoreConnection.class).reachable())
                    .isEqualTo("LOCALMODE");

            injector.getInstance(TopologyControlPort.class).activate(localMaster());

            assertThat(masterRequests).containsExactly("POST /activate?topologyid=word-count-1");
        } finally {
            EgretWiring.close(injector);
        }
    }

    @Test
    void topologyMasterKnownOnlyInsideTheClusterIsReachedThroughTheSchedulerTunnel() {
        Injector injector = EgretWiring.injector(context(tunnel("heron.scheduler")), "0.1.0");
        TopologyControlPort control = injector.getInstance(TopologyControlPort.class);
        try {
            control.deactivate(remoteMaster());
            control.activate(remoteMaster());

            assertThat(masterRequests)
                    .containsExactly(
                            "POST /deactivate?topologyid=word-count-1", "POST /activate?topologyid=word-count-1");
            assertThat(ssh.sessions()).isEqualTo(1);
        } finally {
            EgretWiring.close(injector);
        }
        Conditions.await(
                "the SSH session to end when the CLI closes", Duration.ofSeconds(5), () -> ssh.sessions() == 0);
    }

    @Test
    void stateStoreServersAreRewrittenToTheirTunnelsWhateverTheStore() throws IOException {
        List<String> properties = new ArrayList<>(tunnel("heron.statemgr"));
        properties.add("heron.statemgr.connection.string=zk.cluster.invalid:" + zookeeper.port() + "/heron");
        Injector injector = EgretWiring.injector(context(properties), "0.1.0");
        try {
            String reachable = injector.getInstance(StateStoreConnection.class).reachable();

            assertThat(reachable).matches("127\\.0\\.0\\.1:\\d+/heron");
            int localPort = Integer.parseInt(reachable.substring("127.0.0.1:".length(), reachable.indexOf('/')));
            assertThat(TestingEchoServer.roundTrip("127.0.0.1", localPort, "ruok", timeoutMillis()))
                    .isEqualTo("ruok");
            // Only the state manager tunnels: the scheduler's settings are separate.
            assertThat(injector.getInstance(Key.get(TunnelPort.class, SchedulerTunnel.class)))
                    .isSameAs(DirectRoute.INSTANCE);
        } finally {
            EgretWiring.close(injector);
        }
        Conditions.await("the state store's tunnel to close at exit", Duration.ofSeconds(5), () -> ssh.sessions() == 0);
    }

    @Test
    void aJumpHostThatRefusesTheKeyIsOneLineNamingTheKeys() {
        Path other = home.resolve("other_key");
        TestingSshServer.generateClientKey(other);
        List<String> properties = new ArrayList<>(tunnel("heron.scheduler"));
        properties.add("heron.scheduler.tunnel.identity.file=" + other);
        Injector injector = EgretWiring.injector(context(properties), "0.1.0");
        try {
            assertThatThrownBy(() ->
                            injector.getInstance(TopologyControlPort.class).activate(remoteMaster()))
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                    .hasMessageContaining("refused the login of user 'heron' with " + other)
                    .hasMessageNotContaining("\n");
            assertThat(masterRequests).isEmpty();
        } finally {
            EgretWiring.close(injector);
        }
    }

    @Test
    void aZeroProbeTimeoutIsAUserErrorNamingTheKey() {
        List<String> properties = new ArrayList<>(tunnel("heron.statemgr"));
        properties.add("heron.statemgr.tunnel.connection.timeout.ms=0");

        assertThatThrownBy(() -> EgretWiring.injector(context(properties), "0.1.0"))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("cluster 'local': heron.statemgr.tunnel.connection.timeout.ms must be more than 0 when"
                        + " heron.statemgr.is.tunnel.needed is true");
    }

    /** The guide's keys (and Egret's login keys) for one tunnel through the test's SSH server. */
    private List<String> tunnel(String prefix) {
        return List.of(
                prefix + ".is.tunnel.needed=True",
                prefix + ".tunnel.host=heron@127.0.0.1:" + ssh.port(),
                prefix + ".tunnel.connection.timeout.ms="
                        + TestTimeouts.scaled(Duration.ofMillis(2000)).toMillis(),
                prefix + ".tunnel.connection.retry.count=1",
                prefix + ".tunnel.retry.interval.ms=100",
                prefix + ".tunnel.verify.count=3",
                prefix + ".tunnel.identity.file=" + key,
                prefix + ".tunnel.known.hosts.file=" + knownHosts);
    }

    private TopologyMasterLocation localMaster() {
        return new TopologyMasterLocation(ID, "127.0.0.1", master.getAddress().getPort(), 1);
    }

    private TopologyMasterLocation remoteMaster() {
        return new TopologyMasterLocation(
                ID, "master.cluster.invalid", master.getAddress().getPort(), 1);
    }

    private WiringContext context(List<String> properties) {
        ConfigRequest request = ConfigRequest.of(home, "local")
                .withConfigPath(CONF)
                .withConfigProperties(properties)
                .withEnvironment(new TokenEnvironment(home.toString(), System.getProperty("java.home")));
        EffectiveConfig config = new ClusterConfigLoader().load(request).config();
        ClusterTarget target = new ClusterTarget("local", "alice", "default");
        return new WiringContext(config.bind(target, "alice"), target, home, ProgressPort.silent(), Clock.systemUTC());
    }

    private static int timeoutMillis() {
        return Math.toIntExact(TestTimeouts.scaled(Duration.ofSeconds(5)).toMillis());
    }
}
