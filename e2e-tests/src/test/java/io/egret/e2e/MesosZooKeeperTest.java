package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The Mesos guide with its ZooKeeper: the installation's {@code conf/mesos} as shipped (state in ZooKeeper, the
 * core package from {@code heron.core.release.uri}) with the master and ZooKeeper pointed at the test's, through the
 * real {@code bin/heron} against the Mesos master simulator. Every lifecycle command, a restarted scheduler service
 * that finds its framework in ZooKeeper, and nothing of the topology left in ZooKeeper after kill.
 */
final class MesosZooKeeperTest {
    private static final String TARGET = "mesos/e2e";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern EXECUTED =
            Pattern.compile("count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)");

    @TempDir
    Path home;

    private TestingServer zooKeeperServer;
    private CuratorFramework zooKeeper;
    private MesosCluster cluster;
    private Heron heron;
    private Path conf;

    @BeforeEach
    void startCluster() throws Exception {
        zooKeeperServer = new TestingServer(true);
        zooKeeper = CuratorFrameworkFactory.newClient(zooKeeperServer.getConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
        cluster = new MesosCluster(home);
        cluster.addAgent("agent-1", 16, 32768);
        conf = cluster.writeConfig(cluster.master().uri().toString());
        cluster.useZooKeeper(zooKeeperServer.getConnectString());
        heron = new Heron(home);
    }

    @AfterEach
    void stopCluster() throws IOException {
        Processes.killAllUnder(home);
        cluster.close();
        zooKeeper.close();
        zooKeeperServer.close();
    }

    @Test
    void everyCommandWorksWithStateInZooKeeperAndKillLeavesNothing() throws Exception {
        Heron.Result submit = heron(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                Long.toString(TestTime.scaledSeconds(90)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly("wordcount");
        assertThat(zooKeeper.getChildren().forPath("/heron/schedulers")).containsExactly("wordcount");
        assertThat(cluster.records("topologies")).as("no local state").isEmpty();
        awaitStatus("wordcount", text -> executed(text) > 0 && text.contains("registered"));
        int tasks = cluster.master().liveTasks().size();
        assertThat(tasks).isGreaterThanOrEqualTo(2);
        // Every executor's heap is bounded from the packing plan: container 0's fixed bound, the others' from their
        // RAM.
        assertThat(Processes.executorHeaps(home))
                .hasSize(tasks)
                .contains("256m")
                .doesNotContain("none");

        Heron.Result deactivate = heron("deactivate", TARGET, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = heron("status", TARGET, "wordcount").stdout();
        assertThat(paused).contains("State:      PAUSED");
        Heron.Result activate = heron("activate", TARGET, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long executedPaused = executed(paused);
        awaitStatus("wordcount", text -> text.contains("State:      RUNNING") && executed(text) > executedPaused);

        // The scheduler service dies and is run again: it finds its framework id in ZooKeeper and takes it over.
        long launches = cluster.master().launches();
        String frameworkId =
                cluster.master().liveTasks().values().iterator().next().frameworkId();
        ProcessHandle service = service();
        service.destroyForcibly();
        service.onExit().join();
        TestTime.await(
                "the master to see the framework disconnect",
                WAIT,
                () -> !cluster.master().isConnected(frameworkId));
        restartService("wordcount");
        TestTime.await(
                "the framework to resubscribe", WAIT, () -> cluster.master().isConnected(frameworkId));
        TestTime.await(
                "the service to reconcile",
                WAIT,
                () -> serviceOutput("wordcount").contains("reconciliation complete"));
        assertThat(cluster.master().frameworkIds()).containsExactly(frameworkId);
        assertThat(cluster.master().launches()).as("nothing launched twice").isEqualTo(launches);

        Heron.Result restart = heron("restart", TARGET, "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        TestTime.await("container 1 relaunched", WAIT, () -> cluster.master().launches() == launches + 1);
        awaitStatus("wordcount", text -> text.matches("(?s).*\\n  1 +RUNNING +restarts=1 .*") && executed(text) > 0);

        Heron.Result grow = heron("update", TARGET, "wordcount", "--container-number", String.valueOf(tasks));
        assertThat(grow.exitCode()).as(grow.toString()).isZero();
        awaitStatus("wordcount", text -> text.contains("\n  " + tasks + "    RUNNING"));
        assertThat(cluster.master().liveTasks()).hasSize(tasks + 1);

        Heron.Result kill = heron("kill", TARGET, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(cluster.master().liveTasks()).isEmpty();
        assertThat(cluster.master().frameworkIds()).isEmpty();
        assertThat(znodesNamed("/heron", "wordcount"))
                .as("znodes of the topology")
                .isEmpty();
        List<ProcessHandle> left = Processes.awaitNoneUnder(home, TestTime.scaled(Duration.ofSeconds(10)));
        assertThat(Processes.describe(left)).as("processes left").isEmpty();
    }

    private Heron.Result heron(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--config-path");
        all.add(conf.toString());
        return heron.run(all.toArray(String[]::new));
    }

    private String awaitStatus(String name, Predicate<String> condition) throws InterruptedException {
        String[] last = {""};
        try {
            return TestTime.awaitValue("status to show the expected state", WAIT, () -> {
                Heron.Result status = heron("status", TARGET, name);
                last[0] = status.toString();
                return status.exitCode() == 0 && condition.test(status.stdout())
                        ? Optional.of(status.stdout())
                        : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last status:\n" + last[0], e);
        }
    }

    private static long executed(String status) {
        Matcher matcher = EXECUTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private ProcessHandle service() {
        List<ProcessHandle> services =
                Processes.matching(home, line -> line.contains("io.egret.app.MesosSchedulerServiceMain"));
        assertThat(services).as("the scheduler service").hasSize(1);
        return services.get(0);
    }

    /** Runs the recorded service command again, as an operator or a supervisor would. */
    private void restartService(String topology) throws IOException {
        Path directory = cluster.workingDirectory(topology);
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(Files.readAllLines(directory.resolve("mesos-scheduler.command")));
        new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("mesos-scheduler.stdout").toFile()))
                .start();
    }

    private String serviceOutput(String topology) {
        try {
            return Files.readString(cluster.workingDirectory(topology).resolve("mesos-scheduler.stdout"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
