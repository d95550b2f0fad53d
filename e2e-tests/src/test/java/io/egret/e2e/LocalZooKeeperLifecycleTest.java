package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron's {@code localzk} cluster (the local scheduler, state in ZooKeeper) through the real {@code bin/heron} on
 * the module path, against a ZooKeeper server the test starts: every lifecycle command, then nothing of the
 * topology left in ZooKeeper, on disk or in the process table.
 */
final class LocalZooKeeperLifecycleTest {
    @TempDir
    Path home;

    private TestingServer server;
    private CuratorFramework zooKeeper;

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        zooKeeper = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        Processes.killAllUnder(home);
        zooKeeper.close();
        server.close();
    }

    @Test
    void everyLifecycleCommandWorksWithStateInZooKeeperAndKillLeavesNothing() throws Exception {
        Heron heron = new Heron(home);
        // Where the stock localzk file says 127.0.0.1:2181, point it at the test's server, as an operator would.
        Heron.Result set =
                heron.run("config", "localzk", "set", "heron.statemgr.connection.string", server.getConnectString());
        assertThat(set.exitCode()).as(set.toString()).isZero();

        Heron.Result submit = heron.run(
                "submit",
                "localzk",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(scaled(Duration.ofSeconds(90)).toSeconds()));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(children("/heron/topologies")).containsExactly("wordcount");
        assertThat(children("/heron/executionstate")).containsExactly("wordcount");
        assertThat(home.resolve(".herondata/repository/state")).doesNotExist();
        // The scheduler service and the topology master record where they are, as ephemeral znodes.
        awaitStatus(heron, text -> text.contains("registered"));
        assertThat(zooKeeper.checkExists().forPath("/heron/tmanagers/wordcount").getEphemeralOwner())
                .isNotZero();
        assertThat(zooKeeper
                        .checkExists()
                        .forPath("/heron/schedulers/wordcount")
                        .getEphemeralOwner())
                .isNotZero();

        Heron.Result deactivate = heron.run("deactivate", "localzk", "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        assertThat(heron.run("status", "localzk", "wordcount").stdout()).contains("State:      PAUSED");

        Heron.Result activate = heron.run("activate", "localzk", "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        awaitStatus(heron, text -> text.contains("State:      RUNNING"));

        Heron.Result update = heron.run("update", "localzk", "wordcount", "--component-parallelism", "split:2");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        awaitStatus(heron, text -> text.contains("split                instances=2") && text.contains("registered"));

        Heron.Result restart = heron.run("restart", "localzk", "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        awaitStatus(heron, text -> text.contains("1    RUNNING") && text.contains("registered"));

        Heron.Result restartAll = heron.run("restart", "localzk", "wordcount");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        awaitStatus(heron, text -> text.contains("1    RUNNING") && text.contains("registered"));

        Heron.Result list = heron.run("list", "localzk");
        assertThat(list.stdout()).contains("wordcount");

        Heron.Result kill = heron.run("kill", "localzk", "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.awaitNoneUnder(home, scaled(Duration.ofSeconds(10))))
                .as("processes left after kill")
                .isEmpty();
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "wordcount"))
                .as("znodes of the topology")
                .isEmpty();
        assertThat(home.resolve(".herondata/repository/state")).doesNotExist();

        Heron.Result again = heron.run("kill", "localzk", "wordcount");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
    }

    @Test
    void anUnreachableZooKeeperIsAOneLineErrorWithExitCode5AndNothingIsLeft() throws Exception {
        Heron heron = new Heron(home);
        int port = server.getPort();
        server.stop();

        Heron.Result submit = heron.run(
                "submit",
                "localzk",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--config-property",
                "heron.statemgr.connection.string=127.0.0.1:" + port,
                "--config-property",
                "heron.statemgr.zookeeper.connection.timeout.ms=2000",
                "--config-property",
                "heron.statemgr.zookeeper.retry.count=1");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        // Progress lines aside, the error is one line, naming where ZooKeeper was expected and the key to change.
        assertThat(submit.stderr().lines().filter(line -> line.startsWith("heron submit:")))
                .as(submit.stderr())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("ZooKeeper at 127.0.0.1:" + port)
                        .contains("heron.statemgr.zookeeper.connection.timeout.ms"));
        assertThat(submit.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Processes.awaitNoneUnder(home, scaled(Duration.ofSeconds(10))))
                .isEmpty();
        server.restart();
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "wordcount")).isEmpty();
    }

    private List<String> children(String path) throws Exception {
        return zooKeeper.getChildren().forPath(path);
    }

    private static String awaitStatus(Heron heron, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(scaled(Duration.ofSeconds(60)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", "localzk", "wordcount");
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    private static Duration scaled(Duration duration) {
        double factor = Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
        return Duration.ofMillis((long) (duration.toMillis() * Math.max(factor, 1)));
    }
}
