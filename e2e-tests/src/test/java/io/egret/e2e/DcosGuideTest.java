package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.marathon.simulator.MarathonSimulator;
import io.egret.adapters.ssh.testing.TestingSshServer;
import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DC/OS guide end to end through the real {@code bin/heron} of a copied install on the module path: its
 * {@code scheduler.yaml} against the Marathon simulator, and its {@code statemgr.yaml} word for word, with state in
 * a real ZooKeeper named {@code leader.mesos} as inside a DC/OS cluster. That name resolves only in the cluster: the
 * containers (run by the simulator's agent) resolve it through the agent's hosts file and reach ZooKeeper directly,
 * while the CLI on the operator's machine cannot, so it tunnels through the guide's SSH jump host (a real SSH
 * server, key login, the host key in the operator's {@code known_hosts}).
 */
final class DcosGuideTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.dcos-acs-token";
    private static final String CLUSTER = "marathon/alice/prod";
    private static final String CLUSTER_NAME = "leader.mesos";
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");

    @TempDir
    Path home;

    private TestingServer zooKeeperServer;
    private CuratorFramework zooKeeper;
    private TestingSshServer jumpHost;
    private MarathonSimulator simulator;
    private String zooKeeperAddress;

    @BeforeEach
    void startTheCluster() throws Exception {
        zooKeeperServer = new TestingServer(true);
        zooKeeper = CuratorFrameworkFactory.newClient(zooKeeperServer.getConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
        zooKeeperAddress = CLUSTER_NAME + ":" + zooKeeperServer.getPort();

        // The guide's refresher: the operator's public key in the jump host's authorized_keys.
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path jumpHostDirectory = Files.createDirectories(home.resolve("jump-host"));
        Path authorizedKeys = jumpHostDirectory.resolve("authorized_keys");
        Files.writeString(authorizedKeys, TestingSshServer.generateClientKey(ssh.resolve("id_ecdsa")) + "\n");
        jumpHost = new TestingSshServer(authorizedKeys, Map.of(CLUSTER_NAME, "127.0.0.1"));
        Files.writeString(ssh.resolve("known_hosts"), jumpHost.knownHostsLine() + "\n");

        // Inside the cluster, the agents' resolver knows leader.mesos; the executors' JVMs get it as a hosts file.
        Path agentHosts = Files.writeString(
                jumpHostDirectory.resolve("agent-hosts"),
                "127.0.0.1 " + CLUSTER_NAME + " localhost "
                        + InetAddress.getLocalHost().getHostName() + "\n");
        simulator = MarathonSimulator.builder()
                .basePath("/service/marathon")
                .token(TOKEN)
                .processes(home.resolve("mesos-agent"))
                .agentEnvironment(Map.of("EGRET_EXECUTOR_JAVA_OPTS", "-Djdk.net.hosts.file=" + agentHosts))
                .start();
        MarathonClusterFiles.write(
                home,
                simulator.uri(),
                TOKEN,
                MarathonClusterFiles.guideStateManager(zooKeeperAddress, "centos@127.0.0.1:" + jumpHost.port()));
    }

    @AfterEach
    void stopTheCluster() throws IOException {
        if (simulator != null) {
            simulator.close();
        }
        Processes.killAllUnder(home);
        jumpHost.close();
        zooKeeper.close();
        zooKeeperServer.close();
    }

    @Test
    void everyCommandWorksWithStateInZooKeeperThroughTheTunnelAndKillLeavesNothing() throws Exception {
        Heron heron = new Heron(home);

        Heron.Result submit = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                Long.toString(TestTime.scaledSeconds(90)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(jumpHost.forwards())
                .as("the CLI reached ZooKeeper through the jump host")
                .contains(zooKeeperAddress);
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly("wordcount");
        assertThat(zooKeeper.getChildren().forPath("/heron/executionstate")).containsExactly("wordcount");
        assertThat(home.resolve(".herondata/repository/state")).doesNotExist();
        int containers = simulator.appIds().size();
        assertThat(containers).isGreaterThanOrEqualTo(2);

        // The topology master found through ZooKeeper: it registered there from inside the cluster.
        awaitStatus(heron, text -> emitted(text) > 0 && text.contains("registered") && !text.contains("PENDING"));
        assertThat(zooKeeper.checkExists().forPath("/heron/tmanagers/wordcount"))
                .isNotNull();
        // Every executor's heap is bounded from the packing plan: container 0's fixed bound, the others' from their
        // RAM.
        assertThat(Processes.executorHeaps(home))
                .hasSize(containers)
                .contains("256m")
                .doesNotContain("none");

        Heron.Result deactivate = run(heron, "deactivate", CLUSTER, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = run(heron, "status", CLUSTER, "wordcount").stdout();
        assertThat(paused).contains("PAUSED");
        Heron.Result activate = run(heron, "activate", CLUSTER, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = emitted(paused);
        awaitStatus(heron, text -> text.contains("RUNNING") && emitted(text) > emittedPaused);

        int tasksBefore = tasksStarted();
        Heron.Result restart = run(heron, "restart", CLUSTER, "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        TestTime.await("container 1 restarted", Duration.ofSeconds(60), () -> tasksStarted() == tasksBefore + 1);
        String restarted = awaitStatus(heron, text -> text.contains("registered") && !text.contains("PENDING"));
        assertThat(restarted).contains("1    RUNNING   restarts=1").contains("0    RUNNING   restarts=0");

        Heron.Result update =
                run(heron, "update", CLUSTER, "wordcount", "--container-number", Integer.toString(containers));
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(simulator.appIds()).hasSize(containers + 1);
        awaitStatus(heron, text -> text.contains(containers + "    RUNNING") && text.contains("registered"));

        Heron.Result kill = run(heron, "kill", CLUSTER, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(simulator.groupIds()).doesNotContain("/heron/topologies/wordcount");
        assertThat(simulator.liveTasks()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TestTime.scaled(Duration.ofSeconds(10)))))
                .as("processes after kill")
                .isEmpty();
        assertThat(znodesNamed("/heron", "wordcount"))
                .as("znodes of the topology")
                .isEmpty();
        assertThat(jumpHost.forwards().stream().distinct()).containsExactly(zooKeeperAddress);

        Heron.Result again = run(heron, "kill", CLUSTER, "wordcount");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
    }

    @Test
    void withoutTheJumpHostTheClusterOnlyNameIsUnreachableAndNothingIsLeft() throws Exception {
        Heron heron = new Heron(home);
        jumpHost.close();

        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "cut");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        assertThat(submit.stderr().lines().filter(line -> line.startsWith("heron submit:")))
                .as(submit.stderr())
                .singleElement()
                .asString()
                .contains("centos@127.0.0.1:" + jumpHost.port())
                .contains(CLUSTER_NAME);
        assertThat(submit.stderr()).doesNotContain("\tat ");
        assertThat(simulator.groupIds()).isEmpty();
        assertThat(znodesNamed("/heron", "cut")).isEmpty();
    }

    // ---- helpers

    private Heron.Result run(Heron heron, String... arguments) {
        List<String> withConfig = new ArrayList<>(List.of(arguments));
        withConfig.add("--config-path");
        withConfig.add(home.resolve("heron-conf").toString());
        return heron.run("bin/heron", withConfig);
    }

    private int tasksStarted() {
        try (var sandboxes = Files.list(home.resolve("mesos-agent"))) {
            return (int) sandboxes.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitStatus(Heron heron, Predicate<String> condition) throws InterruptedException {
        String[] last = {""};
        try {
            return TestTime.awaitValue("status to show the expected state", Duration.ofSeconds(60), () -> {
                Heron.Result status = run(heron, "status", CLUSTER, "wordcount");
                last[0] = status.toString();
                return status.exitCode() == 0 && condition.test(status.stdout())
                        ? Optional.of(status.stdout())
                        : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last status:\n" + last[0], e);
        }
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
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
            String childPath = path + "/" + child;
            if (child.startsWith(prefix)) {
                found.add(childPath);
            }
            found.addAll(znodesNamed(childPath, prefix));
        }
        return found;
    }
}
