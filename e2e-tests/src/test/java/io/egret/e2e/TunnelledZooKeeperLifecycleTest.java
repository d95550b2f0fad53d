package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
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

    /**
     * Aurora, with the agents known only inside the cluster: the Aurora simulator's agent is
     * {@value JumpHostZooKeeper#AGENT}, which the stock {@code heron.aurora} passes to the executor as the address it
     * advertises. The CLI reaches ZooKeeper through the state-manager tunnel and the topology master through the
     * scheduler tunnel ({@code heron.scheduler.is.tunnel.needed}); without the latter it cannot reach it at all.
     */
    @Test
    void onAuroraTheTopologyMasterIsReachedThroughTheSchedulerTunnelAndKillLeavesNothing() throws Exception {
        String target = "aurora/www-data/devel";
        Path installBin = heron.install().resolve("bin");
        Map<String, String> environment = new HashMap<>(cluster.environment());
        environment.put("PATH", AuroraLifecycleTest.SIMULATOR + ":" + installBin + ":" + System.getenv("PATH"));
        environment.put("AURORA_SIM_HOME", home.resolve("aurora-sim").toString());
        environment.put("AURORA_SIM_HOSTNAME", JumpHostZooKeeper.AGENT);
        heron = heron.withEnvironment(environment);
        String timeout = String.valueOf(TestTime.scaled(Duration.ofSeconds(5)).toMillis());
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("heron.class.state.manager", "org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager");
        keys.put("heron.statemgr.connection.string", cluster.clusterConnectString());
        keys.put("heron.statemgr.root.path", "/heron");
        keys.put("heron.statemgr.is.tunnel.needed", "true");
        keys.put("heron.statemgr.tunnel.host", cluster.jumpHost());
        keys.put("heron.statemgr.tunnel.connection.timeout.ms", timeout);
        keys.put("heron.scheduler.tunnel.host", cluster.jumpHost());
        keys.put("heron.scheduler.tunnel.connection.timeout.ms", timeout);
        keys.put(
                "heron.package.core.uri",
                heron.install().resolve("dist/heron-core.tar.gz").toUri().toString());
        keys.put(
                "heron.uploader.localfs.file.system.directory",
                home.resolve("packages/${CLUSTER}/${ROLE}/${TOPOLOGY}").toString());
        keys.put("heron.directory.sandbox.java.home", System.getProperty("java.home"));
        keys.forEach((key, value) -> configure("aurora", key, value));

        tunnelled(
                "submit on Aurora",
                "submit",
                target,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                TOPOLOGY,
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaled(Duration.ofSeconds(120)).toSeconds()));
        // The stock scheduler.yaml keeps the scheduler tunnel off: the agent's name means nothing to the CLI, and
        // status and deactivate say so, naming the keys that fix it.
        assertThat(tunnelled("status on Aurora", "status", target, TOPOLOGY).stdout())
                .contains("State:      RUNNING")
                .contains("Problem:    the topology master at " + JumpHostZooKeeper.AGENT + ":")
                .contains("heron.scheduler.is.tunnel.needed");
        Heron.Result unreachable = heron.run("deactivate", target, TOPOLOGY);
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(JumpHostZooKeeper.stderrLines(unreachable))
                .as(unreachable.stderr())
                .singleElement()
                .asString()
                .contains("cannot resolve " + JumpHostZooKeeper.AGENT)
                .contains("heron.scheduler.tunnel.host");

        configure("aurora", "heron.scheduler.is.tunnel.needed", "true");
        awaitStatus(target, text -> text.contains("State:      RUNNING") && text.contains("  registered"));
        int agentForwards = cluster.agentForwards();
        tunnelled("deactivate on Aurora", "deactivate", target, TOPOLOGY);
        assertThat(cluster.agentForwards())
                .as("topology-master calls the jump host forwarded to the agent")
                .isGreaterThan(agentForwards);
        assertThat(tunnelled("status on Aurora", "status", target, TOPOLOGY).stdout())
                .contains("State:      PAUSED");
        tunnelled("activate on Aurora", "activate", target, TOPOLOGY);
        awaitStatus(target, text -> text.contains("State:      RUNNING"));

        tunnelled("kill on Aurora", "kill", target, TOPOLOGY);
        assertThat(Processes.awaitNoneUnder(home, Duration.ofSeconds(10)))
                .as("processes left after kill")
                .isEmpty();
        assertThat(znodesNamed("/heron", TOPOLOGY)).as("znodes of the topology").isEmpty();
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
        configure("localzk", key, value);
    }

    private void configure(String cluster, String key, String value) {
        Heron.Result set = heron.run("config", cluster, "set", key, value);
        assertThat(set.exitCode()).as(set.toString()).isZero();
    }

    private List<String> znodesNamed(String path, String prefix) throws Exception {
        return ZooKeeperNodes.named(zooKeeper, path, prefix);
    }

    private String awaitStatus(Predicate<String> condition) {
        return awaitStatus("localzk", condition);
    }

    private String awaitStatus(String target, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTime.scaled(Duration.ofSeconds(60)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", target, TOPOLOGY);
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }
}
