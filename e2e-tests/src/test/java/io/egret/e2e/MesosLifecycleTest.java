package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.mesos.simulator.Deadlines;
import io.egret.adapters.mesos.simulator.MesosMasterSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mesos cluster through the real {@code bin/heron} on the module path, against the Mesos master simulator:
 * the scheduler service is a framework on the v1 HTTP API, and the simulator runs the tasks it launches (the real
 * executor from the real core package), so the topology really runs.
 */
final class MesosLifecycleTest {
    private static final String TARGET = "mesos/e2e";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TIMEOUT = Long.toString(io.egret.testsupport.TestTime.scaledSeconds(90));

    @TempDir
    Path home;

    private MesosCluster cluster;
    private Heron heron;
    private Path conf;

    @BeforeEach
    void startCluster() {
        cluster = new MesosCluster(home);
        heron = new Heron(home);
    }

    @AfterEach
    void stopCluster() {
        Processes.killAllUnder(home);
        cluster.close();
    }

    @Test
    void submitRestartUpdateAndKillThroughTheMesosMaster() {
        cluster.addAgent("agent-1", 16, 32768);
        cluster.addAgent("agent-2", 16, 32768);
        conf = cluster.writeConfig(cluster.master().uri().toString());

        Heron.Result submit = submit("wordcount", "--wait-until", "RUNNING", "--timeout", TIMEOUT);
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(cluster.records("schedulers")).containsExactly("wordcount");
        String running = awaitStatus("wordcount", text -> executed(text) > 0);
        assertThat(running)
                .contains("State:      RUNNING")
                .contains("0    RUNNING")
                .contains("1    RUNNING");
        int tasks = cluster.master().liveTasks().size();
        assertThat(tasks).isGreaterThanOrEqualTo(2);

        Heron.Result restart = heron("restart", TARGET, "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        awaitStatus("wordcount", text -> text.matches("(?s).*\\n  1 +RUNNING +restarts=1 .*") && executed(text) > 0);

        Heron.Result grow = heron("update", TARGET, "wordcount", "--container-number", String.valueOf(tasks));
        assertThat(grow.exitCode()).as(grow.toString()).isZero();
        awaitStatus("wordcount", text -> text.contains("\n  " + tasks + "    RUNNING"));
        assertThat(cluster.master().liveTasks()).hasSize(tasks + 1);

        Heron.Result kill = heron("kill", TARGET, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(cluster.master().liveTasks()).isEmpty();
        assertThat(cluster.master().calls()).contains("KILL", "TEARDOWN");
        assertThat(cluster.master().frameworkIds()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void aRestartedSchedulerServiceTakesItsFrameworkOverWithExactlyTheTasksItHad() throws Exception {
        cluster.addAgent("agent-1", 16, 32768);
        conf = cluster.writeConfig(cluster.master().uri().toString());
        Heron.Result submit = submit("survivor", "--wait-until", "RUNNING", "--timeout", TIMEOUT);
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        awaitStatus("survivor", text -> executed(text) > 0);
        Map<String, MesosMasterSimulator.TaskView> before = cluster.master().liveTasks();
        long launches = cluster.master().launches();
        String frameworkId = before.values().iterator().next().frameworkId();

        ProcessHandle service = cluster.service();
        service.destroyForcibly();
        service.onExit().join();
        Deadlines.await(WAIT, () -> !cluster.master().isConnected(frameworkId), () -> "still connected");
        assertThat(cluster.master().liveTasks().keySet())
                .as("tasks outlive their scheduler")
                .isEqualTo(before.keySet());

        cluster.restartService("survivor");

        Deadlines.await(WAIT, () -> cluster.master().isConnected(frameworkId), () -> "not resubscribed");
        Deadlines.await(
                WAIT,
                () -> cluster.serviceOutput("survivor").contains("reconciliation complete"),
                () -> cluster.serviceOutput("survivor"));
        String status = awaitStatus("survivor", text -> executed(text) > 0 && !text.contains("STARTING"));
        assertThat(status).contains("0    RUNNING").contains("1    RUNNING");
        assertThat(cluster.master().liveTasks().keySet()).isEqualTo(before.keySet());
        assertThat(cluster.master().launches()).isEqualTo(launches);
        assertThat(cluster.master().frameworkIds()).containsExactly(frameworkId);

        // Still managed: a restart goes through the new service.
        Heron.Result restart = heron("restart", TARGET, "survivor", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        Deadlines.await(
                WAIT,
                () -> cluster.master().launches() == launches + 1,
                () -> cluster.master().calls().toString());

        Heron.Result kill = heron("kill", TARGET, "survivor");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(cluster.master().liveTasks()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void theContainersOfALostAgentAreRelaunchedOnAnotherAndTheTopologyRunsAgain() {
        cluster.addAgent("agent-1", 16, 32768);
        conf = cluster.writeConfig(cluster.master().uri().toString());
        Heron.Result submit = submit("moving", "--wait-until", "RUNNING", "--timeout", TIMEOUT);
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        awaitStatus("moving", text -> executed(text) > 0);
        int tasks = cluster.master().liveTasks().size();
        cluster.addAgent("agent-2", 16, 32768);

        cluster.master().loseAgent("agent-1");

        Deadlines.await(
                WAIT,
                () -> cluster.master().liveTasks().size() == tasks
                        && cluster.master().liveTasks().values().stream()
                                .allMatch(task -> task.agentId().equals("agent-2")),
                () -> cluster.master().liveTasks().toString());
        long executedBefore =
                executed(awaitStatus("moving", text -> text.contains("restarts=1") && executed(text) > 0));
        awaitStatus("moving", text -> executed(text) > executedBefore);

        assertThat(heron("kill", TARGET, "moving").exitCode()).isZero();
        assertNothingLeft();
    }

    @Test
    void killWorksAfterTheSchedulerServiceDied() {
        cluster.addAgent("agent-1", 16, 32768);
        conf = cluster.writeConfig(cluster.master().uri().toString());
        Heron.Result submit = submit("orphaned", "--wait-until", "RUNNING", "--timeout", TIMEOUT);
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        ProcessHandle service = cluster.service();
        service.destroyForcibly();
        service.onExit().join();
        assertThat(cluster.master().liveTasks()).isNotEmpty();

        Heron.Result kill = heron("kill", TARGET, "orphaned");

        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(cluster.master().liveTasks()).isEmpty();
        assertThat(cluster.master().calls()).endsWith("TEARDOWN");
        assertNothingLeft();
    }

    @Test
    void aContainerLargerThanAnyAgentStaysPendingWithTheReason() {
        cluster.addAgent("agent-1", 16, 512);
        conf = cluster.writeConfig(cluster.master().uri().toString());

        Heron.Result submit = submit("toobig");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        String status = awaitStatus("toobig", text -> text.contains("no offer large enough"));
        assertThat(status).contains("PENDING").contains("largest offer: cpus 16.0, mem 512.0 MB");
        assertThat(cluster.master().launches()).isZero();
        assertThat(heron("kill", TARGET, "toobig").exitCode()).isZero();
        assertNothingLeft();
    }

    @Test
    void anyMasterWorksAsTheNonLeadingOneRedirectsToTheLeader() throws Exception {
        cluster.addAgent("agent-1", 16, 32768);
        try (MesosMasterSimulator follower =
                new MesosMasterSimulator(home.resolve("follower"), Duration.ofSeconds(1))) {
            follower.redirectTo(cluster.master());
            conf = cluster.writeConfig(follower.uri().toString());

            Heron.Result submit = submit("redirected", "--wait-until", "RUNNING", "--timeout", TIMEOUT);

            assertThat(submit.exitCode()).as(submit.toString()).isZero();
            assertThat(follower.calls()).isEmpty();
            assertThat(cluster.master().calls()).contains("SUBSCRIBE", "ACCEPT");
            assertThat(heron("kill", TARGET, "redirected").exitCode()).isZero();
            assertNothingLeft();
        }
    }

    @Test
    void dryRunNeedsNoCluster() {
        conf = cluster.writeConfig("127.0.0.1:1");

        Heron.Result dryRun = submit("dry", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(cluster.master().calls()).isEmpty();
        assertThat(cluster.records("topologies")).isEmpty();
    }

    private Heron.Result submit(String name, String... extra) {
        List<String> arguments = new ArrayList<>(
                List.of("submit", TARGET, heron.examplesJar().toString(), "io.egret.examples.WordCount", name));
        arguments.addAll(List.of(extra));
        return heron(arguments.toArray(String[]::new));
    }

    private Heron.Result heron(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--config-path");
        all.add(conf.toString());
        return heron.run(all.toArray(String[]::new));
    }

    private String awaitStatus(String name, Predicate<String> condition) {
        String[] last = {""};
        Deadlines.await(
                WAIT,
                () -> {
                    Heron.Result status = heron("status", TARGET, name);
                    last[0] = status.toString();
                    return status.exitCode() == 0 && condition.test(status.stdout());
                },
                () -> last[0]);
        return last[0];
    }

    private static long executed(String status) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)")
                .matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private void assertNothingLeft() {
        for (String directory : List.of("topologies", "packingplans", "executionstate", "schedulers")) {
            assertThat(cluster.records(directory)).as(directory).isEmpty();
        }
        List<ProcessHandle> left = Processes.awaitNoneUnder(home, Deadlines.scaled(Duration.ofSeconds(10)));
        assertThat(Processes.describe(left)).as("processes left").isEmpty();
    }
}
