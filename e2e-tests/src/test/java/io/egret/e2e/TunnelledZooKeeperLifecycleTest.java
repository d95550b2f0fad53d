package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron's {@code localzk} cluster through the real {@code bin/heron} on the module path, with ZooKeeper reachable
 * from the operator's machine only through an SSH jump host, while the cluster's containers reach it directly: see
 * {@link JumpHostZooKeeper} for how that holds on one machine.
 */
final class TunnelledZooKeeperLifecycleTest {
    private static final String TOPOLOGY = "wordcount";

    @TempDir
    Path home;

    private JumpHostZooKeeper cluster;
    private CuratorFramework zooKeeper;
    private Heron heron;

    @BeforeEach
    void startServers() throws Exception {
        cluster = new JumpHostZooKeeper(home);
        zooKeeper = CuratorFrameworkFactory.newClient(cluster.directConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
        heron = cluster.heron();
    }

    @AfterEach
    void stopEverything() throws Exception {
        zooKeeper.close();
        cluster.close();
    }

    @Test
    void everyLifecycleCommandReachesZooKeeperThroughTheJumpHostAndKillLeavesNothing() throws Exception {
        configure("heron.statemgr.connection.string", cluster.clusterConnectString());
        configure("heron.statemgr.is.tunnel.needed", "true");
        configure("heron.statemgr.tunnel.host", cluster.jumpHost());
        configure(
                "heron.statemgr.tunnel.connection.timeout.ms",
                String.valueOf(TestTime.scaled(Duration.ofSeconds(5)).toMillis()));

        tunnelled(
                "submit",
                "submit",
                "localzk",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                TOPOLOGY,
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaled(Duration.ofSeconds(90)).toSeconds()));
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly(TOPOLOGY);
        assertThat(zooKeeper.getChildren().forPath("/heron/executionstate")).containsExactly(TOPOLOGY);
        // The containers reached ZooKeeper directly (cluster DNS) and registered as ephemeral znodes.
        awaitStatus(text -> text.contains("registered"));
        assertThat(zooKeeper
                        .checkExists()
                        .forPath("/heron/tmanagers/" + TOPOLOGY)
                        .getEphemeralOwner())
                .isNotZero();

        assertThat(tunnelled("status", "status", "localzk", TOPOLOGY).stdout()).contains("State:      RUNNING");
        assertThat(tunnelled("list", "list", "localzk").stdout()).contains(TOPOLOGY);

        tunnelled("deactivate", "deactivate", "localzk", TOPOLOGY);
        assertThat(tunnelled("status", "status", "localzk", TOPOLOGY).stdout()).contains("State:      PAUSED");

        tunnelled("activate", "activate", "localzk", TOPOLOGY);
        awaitStatus(text -> text.contains("State:      RUNNING"));

        tunnelled("update", "update", "localzk", TOPOLOGY, "--component-parallelism", "split:2");
        awaitStatus(text -> text.contains("split                instances=2") && text.contains("registered"));

        tunnelled("restart", "restart", "localzk", TOPOLOGY, "1");
        awaitStatus(text -> text.contains("1    RUNNING") && text.contains("registered"));

        tunnelled("kill", "kill", "localzk", TOPOLOGY);
        assertThat(Processes.awaitNoneUnder(home, Duration.ofSeconds(10)))
                .as("processes left after kill")
                .isEmpty();
        assertThat(znodesNamed("/heron", TOPOLOGY)).as("znodes of the topology").isEmpty();

        Heron.Result again = heron.run("kill", "localzk", TOPOLOGY);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        awaitNoSshSession("kill of a killed topology");
    }

    @Test
    void aJumpHostThatIsDownIsAOneLineErrorNamingItAndTheKeyWithExitCode5AndNothingIsLeft() throws Exception {
        int sshPort = cluster.jumpHostPort();
        cluster.stopJumpHost();

        Heron.Result submit = heron.run(
                "submit",
                "localzk",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                TOPOLOGY,
                "--config-property",
                "heron.statemgr.connection.string=" + cluster.clusterConnectString(),
                "--config-property",
                "heron.statemgr.is.tunnel.needed=true",
                "--config-property",
                "heron.statemgr.tunnel.host=heron@127.0.0.1:" + sshPort);

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        assertThat(JumpHostZooKeeper.stderrLines(submit))
                .as(submit.stderr())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("heron submit: ")
                        .contains(cluster.clusterConnectString())
                        .contains("heron@127.0.0.1:" + sshPort)
                        .contains("heron.statemgr.tunnel.host")
                        .contains("cannot connect to port " + sshPort));
        assertThat(submit.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Processes.awaitNoneUnder(home, Duration.ofSeconds(10))).isEmpty();
        assertThat(znodesNamed("/heron", TOPOLOGY)).isEmpty();
        assertThat(home.resolve(".herondata/topologies/localzk")).doesNotExist();
    }

    /** Runs a command that must succeed, and checks it reached ZooKeeper through the jump host and let go of it. */
    private Heron.Result tunnelled(String what, String... arguments) throws InterruptedException {
        int before = cluster.forwards();
        Heron.Result result = heron.run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(cluster.forwards())
                .as("connections the jump host forwarded to ZooKeeper for '%s'", what)
                .isGreaterThan(before);
        awaitNoSshSession(what);
        return result;
    }

    /** The CLI's SSH session ends with the CLI (JSch in process: there is never an {@code ssh} process). */
    private void awaitNoSshSession(String what) throws InterruptedException {
        TestTime.await(
                "the SSH session of '" + what + "' to end", Duration.ofSeconds(10), () -> cluster.sshSessions() == 0);
        String jumpHostPort = String.valueOf(cluster.jumpHostPort());
        assertThat(ProcessHandle.allProcesses()
                        .filter(process -> process.info().command().orElse("").endsWith("/ssh"))
                        .filter(process -> Processes.commandLine(process).contains(jumpHostPort))
                        .toList())
                .as("ssh processes to the jump host")
                .isEmpty();
    }

    private void configure(String key, String value) {
        Heron.Result set = heron.run("config", "localzk", "set", key, value);
        assertThat(set.exitCode()).as(set.toString()).isZero();
    }

    private List<String> znodesNamed(String path, String prefix) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> children;
        try {
            children = zooKeeper.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return found;
        }
        for (String child : children) {
            String childPath = (path.equals("/") ? "" : path) + "/" + child;
            if (child.startsWith(prefix)) {
                found.add(childPath);
            }
            found.addAll(znodesNamed(childPath, prefix));
        }
        return found;
    }

    private String awaitStatus(Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTime.scaled(Duration.ofSeconds(60)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", "localzk", TOPOLOGY);
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }
}
