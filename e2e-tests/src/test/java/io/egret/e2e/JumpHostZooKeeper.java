package io.egret.e2e;

import io.egret.adapters.ssh.testing.TestingSshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;

/**
 * A ZooKeeper server that the operator's machine reaches only through an SSH jump host, for {@code bin/heron} runs
 * under {@code home}; both servers run in this JVM.
 *
 * <p>How this is honest on one machine. ZooKeeper is named {@value #NAME}, a name that (like {@code leader.mesos} in
 * a DC/OS cluster) only the cluster's DNS knows:
 *
 * <ul>
 *   <li>the jump host (Apache MINA SSHD, public-key login with the user's default key {@code ~/.ssh/id_ecdsa}, its
 *       host key in the user's {@code ~/.ssh/known_hosts}) resolves it: it connects its forwards to that name at
 *       the real server;
 *   <li>so do the cluster's own processes. The local scheduler service and the executors are the cluster's
 *       containers: they reach ZooKeeper directly, with the configured connection string, never through the CLI's
 *       tunnel (the topology's config snapshot keeps {@code heron.statemgr.connection.string} as configured; only the
 *       CLI's own client connects to the tunnel's local end, as in Heron). They run on this machine, so they get the
 *       cluster's name resolution the way every JVM started in an environment does: {@code JAVA_TOOL_OPTIONS} names
 *       a hosts file ({@code jdk.net.hosts.file}) that lists ZooKeeper;
 *   <li>the CLI is the operator's workstation: {@code bin/heron}'s own JVM options ({@code EGRET_CLI_JAVA_OPTS},
 *       which come after {@code JAVA_TOOL_OPTIONS} and so win) name the workstation's hosts file, without the
 *       cluster's name. The CLI cannot resolve it, let alone connect: only the tunnel leads there.
 * </ul>
 */
final class JumpHostZooKeeper implements AutoCloseable {
    /** ZooKeeper's name inside the cluster. */
    static final String NAME = "zookeeper.cluster.invalid";

    /**
     * An agent's name inside the cluster, for schedulers that tell containers where they run (Aurora's
     * {@code {{mesos.hostname}}}): the topology master advertises it, so the CLI reaches it only through the jump host.
     */
    static final String AGENT = "agent.cluster.invalid";

    private final Path home;
    private final TestingServer server;
    private final TestingSshServer ssh;
    private final Map<String, String> environment;
    private final Heron heron;

    JumpHostZooKeeper(Path home) throws Exception {
        this.home = home;
        server = new TestingServer(true);
        Path sshDirectory = Files.createDirectories(home.resolve(".ssh"));
        // The user's default key: no identity file is configured.
        String publicKey = TestingSshServer.generateClientKey(sshDirectory.resolve("id_ecdsa"));
        Path authorizedKeys = Files.writeString(home.resolve("jump-host-authorized_keys"), publicKey + "\n");
        ssh = new TestingSshServer(authorizedKeys, Map.of(NAME, "127.0.0.1", AGENT, "127.0.0.1"));
        Files.writeString(sshDirectory.resolve("known_hosts"), ssh.knownHostsLine() + "\n");
        Path clusterHosts = writeHosts("cluster-hosts", "127.0.0.1 " + NAME + " " + AGENT);
        Path workstationHosts = writeHosts("workstation-hosts");
        environment = Map.of(
                "JAVA_TOOL_OPTIONS",
                "-Djdk.net.hosts.file=" + clusterHosts,
                "EGRET_CLI_JAVA_OPTS",
                "-Duser.home=" + home + " -Djdk.net.hosts.file=" + workstationHosts);
        heron = new Heron(home).withEnvironment(environment);
    }

    /** The environment of {@link #heron()}: the cluster's name resolution for containers, the workstation's for the CLI. */
    Map<String, String> environment() {
        return environment;
    }

    /** The CLI on the operator's workstation (the containers it starts are in the cluster). */
    Heron heron() {
        return heron;
    }

    /** The connection string as the cluster knows ZooKeeper. */
    String clusterConnectString() {
        return NAME + ":" + server.getPort();
    }

    /** The connection string of this machine's loopback: for a run without the tunnel, and for the test itself. */
    String directConnectString() {
        return server.getConnectString();
    }

    /** {@code heron.statemgr.tunnel.host}. */
    String jumpHost() {
        return "heron@127.0.0.1:" + ssh.port();
    }

    int jumpHostPort() {
        return ssh.port();
    }

    /** Connections the jump host forwarded to ZooKeeper so far. */
    int forwards() {
        return ssh.forwardsTo(NAME);
    }

    /** Connections the jump host forwarded to the agent (topology-master calls) so far. */
    int agentForwards() {
        return ssh.forwardsTo(AGENT);
    }

    /** Open SSH sessions on the jump host. */
    int sshSessions() {
        return ssh.sessions();
    }

    /** Stops the jump host (ZooKeeper keeps running). */
    void stopJumpHost() {
        ssh.close();
    }

    /** stderr without the JVM's notice that it took {@code JAVA_TOOL_OPTIONS} (printed by every JVM, not Egret). */
    static List<String> stderrLines(Heron.Result result) {
        return result.stderr()
                .lines()
                .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS:"))
                .toList();
    }

    @Override
    public void close() throws IOException {
        Processes.killAllUnder(home);
        ssh.close();
        server.close();
    }

    /** A hosts file with this machine's own names, plus {@code extra} lines. */
    private Path writeHosts(String name, String... extra) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("127.0.0.1 localhost");
        try {
            InetAddress local = InetAddress.getLocalHost();
            lines.add(local.getHostAddress() + " " + local.getHostName());
        } catch (UnknownHostException e) {
            // This machine has no name of its own: localhost is all there is.
        }
        lines.addAll(List.of(extra));
        return Files.write(home.resolve(name), lines);
    }
}
