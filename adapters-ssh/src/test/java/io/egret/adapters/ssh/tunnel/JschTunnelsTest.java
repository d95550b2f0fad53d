package io.egret.adapters.ssh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.adapters.ssh.testing.Conditions;
import io.egret.adapters.ssh.testing.TestTimeouts;
import io.egret.adapters.ssh.testing.TestingEchoServer;
import io.egret.adapters.ssh.testing.TestingSshServer;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tunnels through a real SSH server (Apache MINA SSHD, in process) to an echo server whose name only the SSH
 * server resolves, as ZooKeeper's {@code leader.mesos} is known only inside a DC/OS cluster.
 */
final class JschTunnelsTest {
    private static final String CLUSTER_NAME = "zookeeper.cluster.invalid";

    @TempDir
    Path directory;

    private TestingEchoServer echo;
    private TestingSshServer ssh;
    private Path key;
    private Path knownHosts;

    @BeforeEach
    void startServers() throws IOException {
        key = directory.resolve("id_ecdsa");
        Path authorizedKeys = directory.resolve("authorized_keys");
        Files.writeString(authorizedKeys, TestingSshServer.generateClientKey(key) + "\n");
        echo = new TestingEchoServer();
        ssh = new TestingSshServer(authorizedKeys, Map.of(CLUSTER_NAME, "127.0.0.1"));
        knownHosts = directory.resolve("known_hosts");
        Files.writeString(knownHosts, ssh.knownHostsLine() + "\n");
    }

    @AfterEach
    void stopServers() {
        ssh.close();
        echo.close();
    }

    @Test
    void directlyReachableTargetIsUsedAsItIs() {
        // No jump host configured: none is needed when the target answers directly.
        try (JschTunnels tunnels = new JschTunnels(config(SshTunnelConfig.NO_HOST, key, knownHosts, true));
                TunnelPort.Tunnel tunnel = tunnels.open(new Endpoint("127.0.0.1", echo.port()))) {
            assertThat(tunnel.endpoint()).isEqualTo(new Endpoint("127.0.0.1", echo.port()));
            assertThat(ssh.sessions()).isZero();
        }
    }

    @Test
    void forwardReachesATargetOnlyTheJumpHostKnows() throws IOException {
        Endpoint target = new Endpoint(CLUSTER_NAME, echo.port());
        try (JschTunnels tunnels = new JschTunnels(config(jumpHost(), key, knownHosts, true))) {
            TunnelPort.Tunnel tunnel = tunnels.open(target);
            Endpoint local = tunnel.endpoint();
            assertThat(local.host()).isEqualTo("127.0.0.1");
            assertThat(TestingEchoServer.roundTrip(local.host(), local.port(), "ruok", timeoutMillis()))
                    .isEqualTo("ruok");

            // A second target shares the session.
            TunnelPort.Tunnel second = tunnels.open(target);
            assertThat(second.endpoint()).isNotEqualTo(local);
            assertThat(ssh.sessions()).isEqualTo(1);

            tunnel.close();
            Conditions.await("the first forward to stop listening", Duration.ofSeconds(5), () -> !accepts(local));
            assertThat(TestingEchoServer.roundTrip(
                            "127.0.0.1", second.endpoint().port(), "stat", timeoutMillis()))
                    .isEqualTo("stat");

            second.close();
            Conditions.await(
                    "the SSH session to end with its last forward", Duration.ofSeconds(5), () -> ssh.sessions() == 0);
        }
    }

    @Test
    void closingThePortEndsEveryForward() {
        JschTunnels tunnels = new JschTunnels(config(jumpHost(), key, knownHosts, true));
        Endpoint local = tunnels.open(new Endpoint(CLUSTER_NAME, echo.port())).endpoint();

        tunnels.close();

        Conditions.await("the forward to stop listening", Duration.ofSeconds(5), () -> !accepts(local));
        Conditions.await("the SSH session to end", Duration.ofSeconds(5), () -> ssh.sessions() == 0);
    }

    @Test
    void wrongKeyIsOneLineUserError() {
        Path other = directory.resolve("other_key");
        TestingSshServer.generateClientKey(other);

        EgretException error = openFails(config(jumpHost(), other, knownHosts, true));

        assertThat(error.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(error.getMessage())
                .contains("refused the login of user 'heron'", other.toString(), "heron.statemgr.tunnel.identity.file")
                .doesNotContain("\n");
    }

    @Test
    void unknownHostKeyIsRefusedUnlessTheOperatorOptsOut() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty_known_hosts"), "");

        EgretException error = openFails(config(jumpHost(), key, empty, true));

        assertThat(error.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(error.getMessage())
                .contains(
                        "host key is not in " + empty,
                        "(fingerprint SHA256:",
                        "ssh-keyscan -p " + ssh.port() + " 127.0.0.1")
                .contains("heron.statemgr.tunnel.strict.host.key.checking: false")
                .doesNotContain("\n");

        try (JschTunnels tunnels = new JschTunnels(config(jumpHost(), key, empty, false));
                TunnelPort.Tunnel tunnel = tunnels.open(new Endpoint(CLUSTER_NAME, echo.port()))) {
            assertThat(TestingEchoServer.roundTrip(
                            "127.0.0.1", tunnel.endpoint().port(), "ok", timeoutMillis()))
                    .isEqualTo("ok");
        }
        assertThat(Files.readString(empty)).as("known_hosts is never written").isEmpty();
    }

    @Test
    void changedHostKeyIsRefused() throws IOException {
        TestingSshServer impostor = new TestingSshServer(directory.resolve("authorized_keys"), Map.of());
        try {
            String stale = impostor.knownHostsLine().replace("]:" + impostor.port() + " ", "]:" + ssh.port() + " ");
            Path changed = Files.writeString(directory.resolve("changed_known_hosts"), stale + "\n");

            EgretException error = openFails(config(jumpHost(), key, changed, true));

            assertThat(error.code()).isEqualTo(ErrorCode.USER_ERROR);
            assertThat(error.getMessage()).contains("host key differs").doesNotContain("\n");
        } finally {
            impostor.close();
        }
    }

    @Test
    void refusedJumpHostIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        EgretException error = openFails(config("heron@127.0.0.1:" + closedPort, key, knownHosts, true));

        assertThat(error.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(error.getMessage())
                .contains("heron@127.0.0.1:" + closedPort, CLUSTER_NAME, "cannot connect to port " + closedPort)
                .doesNotContain("\n");
    }

    @Test
    void silentJumpHostFailsWithinTheLoginTimeout() throws IOException {
        // Accepts TCP connections but never speaks SSH, like a host behind a black-holing middlebox.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            SshTunnelConfig config = config("heron@127.0.0.1:" + silent.getLocalPort(), key, knownHosts, true);
            long start = System.nanoTime();

            EgretException error = openFails(config);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(error.code()).isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(error.getMessage())
                    .contains("no SSH answer within " + config.loginTimeout().toMillis() + " ms")
                    .doesNotContain("\n");
            assertThat(took).isLessThan(config.loginTimeout().plus(TestTimeouts.scaled(Duration.ofSeconds(3))));
        }
    }

    @Test
    void targetTheJumpHostCannotReachFailsVerification() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        EgretException error =
                openFails(config(jumpHost(), key, knownHosts, true), new Endpoint(CLUSTER_NAME, closedPort));

        assertThat(error.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(error.getMessage())
                .contains("could not open a connection to it in 2 attempts", "heron.statemgr.tunnel.verify.count")
                .doesNotContain("\n");
        Conditions.await("the unused session to end", Duration.ofSeconds(5), () -> ssh.sessions() == 0);
    }

    @Test
    void loopbackTargetThatDoesNotAnswerIsNotTunnelled() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Endpoint target = new Endpoint("127.0.0.1", closedPort);
        try (JschTunnels tunnels = new JschTunnels(config(jumpHost(), key, knownHosts, true))) {
            // Left to the caller, whose own connect names the server and its timeout key.
            assertThat(tunnels.open(target).endpoint()).isEqualTo(target);
        }
        assertThat(ssh.sessions()).isZero();
    }

    @Test
    void missingOrMalformedJumpHostIsAUserError() {
        EgretException missing = openFails(config(SshTunnelConfig.NO_HOST, key, knownHosts, true));
        assertThat(missing.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(missing.getMessage()).contains("heron.statemgr.tunnel.host is not set");

        EgretException placeholder = openFails(config("centos@<host>", key, knownHosts, true));
        assertThat(placeholder.getMessage()).contains("'centos@<host>' is not user@host[:port]");
    }

    @Test
    void configuredIdentityThatDoesNotExistIsNamed() {
        Path missing = directory.resolve("nope");
        SshTunnelConfig config = new SshTunnelConfig(
                "heron.statemgr",
                jumpHost(),
                "heron",
                Duration.ofMillis(500),
                1,
                Duration.ofMillis(50),
                2,
                List.of(missing),
                true,
                knownHosts,
                true,
                Optional.empty());

        EgretException error = openFails(config);

        assertThat(error.getMessage())
                .isEqualTo("the SSH key " + missing + " named by heron.statemgr.tunnel.identity.file does not exist");
    }

    @Test
    void passphraseProtectedKeyIsNotOfferedAndTheErrorSaysWhy() throws Exception {
        Path locked = directory.resolve("id_locked");
        com.jcraft.jsch.KeyPair pair =
                com.jcraft.jsch.KeyPair.genKeyPair(new com.jcraft.jsch.JSch(), com.jcraft.jsch.KeyPair.ECDSA, 256);
        pair.writePrivateKey(locked.toString(), "secret phrase".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pair.dispose();

        EgretException error = openFails(config(jumpHost(), locked, knownHosts, true));

        assertThat(error.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(error.getMessage())
                .contains("no usable SSH key", locked + " (skipped: passphrase-protected, add it to ssh-agent)")
                .doesNotContain("secret phrase")
                .doesNotContain("\n");
        assertThat(ssh.sessions()).isZero();
    }

    private EgretException openFails(SshTunnelConfig config) {
        return openFails(config, new Endpoint(CLUSTER_NAME, echo.port()));
    }

    private static EgretException openFails(SshTunnelConfig config, Endpoint target) {
        try (JschTunnels tunnels = new JschTunnels(config)) {
            return catchThrowableOfType(EgretException.class, () -> tunnels.open(target));
        }
    }

    private String jumpHost() {
        return "heron@127.0.0.1:" + ssh.port();
    }

    private static SshTunnelConfig config(String jumpHost, Path key, Path knownHosts, boolean strict) {
        return new SshTunnelConfig(
                "heron.statemgr",
                jumpHost,
                "heron",
                TestTimeouts.scaled(Duration.ofMillis(2000)),
                1,
                Duration.ofMillis(50),
                2,
                List.of(key),
                false,
                knownHosts,
                strict,
                Optional.empty());
    }

    private static int timeoutMillis() {
        return Math.toIntExact(TestTimeouts.scaled(Duration.ofSeconds(5)).toMillis());
    }

    private static boolean accepts(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
