package io.egret.adapters.mesos.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.protocol.MasterClient;
import io.egret.adapters.mesos.simulator.Deadlines;
import io.egret.adapters.mesos.simulator.MesosMasterSimulator;
import io.egret.adapters.mesos.simulator.SimulatedAgent;
import io.egret.ports.out.ContainerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework against the master simulator, with tasks that really run ({@code sleep}) on this machine. */
final class TopologyFrameworkTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private MesosMasterSimulator master;
    private final List<TopologyFramework> frameworks = new ArrayList<>();
    private final AtomicReference<RecordedTasks> journal = new AtomicReference<>(RecordedTasks.none());
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startMaster() throws Exception {
        master = new MesosMasterSimulator(temp.resolve("mesos"), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        frameworks.forEach(TopologyFramework::close);
        master.close();
    }

    @Test
    void launchesEveryContainerAndSuppressesOffersOnceAllRun() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 4, 4096, 10000, 31000, 31099));
        master.addAgent(SimulatedAgent.of("a2", 4, 4096, 10000, 31100, 31199));
        TopologyFramework framework = framework(master.uri().toString(), demands(5, 1.0), RecordedTasks.none());

        awaitRunning(framework, 5);

        assertThat(master.liveTasks()).hasSize(5);
        Deadlines.await(WAIT, () -> master.calls().contains("SUPPRESS"), () -> "no SUPPRESS in " + master.calls());
        assertThat(master.calls()).contains("ACCEPT", "ACKNOWLEDGE");
        assertThat(journal.get().tasks()).hasSize(5);
        assertThat(journal.get().frameworkId()).isEqualTo(framework.frameworkId());
    }

    @Test
    void containerLargerThanAnyAgentStaysPendingWithTheReasonWhileOthersRun() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 2, 2048, 10000, 31000, 31099));
        Map<Integer, Demand> demands = new java.util.TreeMap<>(demands(2, 0.5));
        demands.put(2, Demand.of(16, 1024, 100, 2));
        TopologyFramework framework = framework(master.uri().toString(), demands, RecordedTasks.none());

        Deadlines.await(
                WAIT,
                () -> phase(framework, 0) == ContainerStatus.Phase.RUNNING
                        && phase(framework, 1) == ContainerStatus.Phase.RUNNING
                        && detail(framework, 2).startsWith("no offer large enough"),
                () -> framework.status().toString());

        ContainerStatus big = framework.status().get(2);
        assertThat(big.phase()).isEqualTo(ContainerStatus.Phase.PENDING);
        assertThat(big.detail()).contains("needs cpus 16.0").contains("largest offer: cpus ");
    }

    @Test
    void tasksOfALostAgentAreRelaunchedOnAnother() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 2, 4096, 10000, 31000, 31099));
        TopologyFramework framework = framework(master.uri().toString(), demands(2, 1.0), RecordedTasks.none());
        awaitRunning(framework, 2);
        master.addAgent(SimulatedAgent.of("a2", 2, 4096, 10000, 31100, 31199));

        master.loseAgent("a1");

        Deadlines.await(
                WAIT,
                () -> master.liveTasks().size() == 2
                        && master.liveTasks().values().stream()
                                .allMatch(
                                        task -> task.agentId().equals("a2") && task.state() == TaskState.TASK_RUNNING),
                () -> master.liveTasks().toString());
        awaitRunning(framework, 2);
        assertThat(framework.status()).allMatch(status -> status.restarts() == 1);
    }

    @Test
    void aRestartedSchedulerReconcilesInsteadOfLaunchingDuplicates() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 8, 8192, 10000, 31000, 31099));
        TopologyFramework first = framework(master.uri().toString(), demands(3, 1.0), RecordedTasks.none());
        awaitRunning(first, 3);
        Map<String, MesosMasterSimulator.TaskView> before = master.liveTasks();
        long launches = master.launches();
        String frameworkId = first.frameworkId().orElseThrow();

        first.close();
        Deadlines.await(WAIT, () -> !master.isConnected(frameworkId), () -> "still connected");
        TopologyFramework second = framework(master.uri().toString(), demands(3, 1.0), journal.get());

        Deadlines.await(WAIT, () -> log.contains("reconciliation complete"), () -> log.toString());
        awaitRunning(second, 3);
        assertThat(second.frameworkId()).contains(frameworkId);
        assertThat(master.liveTasks().keySet()).isEqualTo(before.keySet());
        assertThat(master.launches()).isEqualTo(launches);
        assertThat(master.calls()).contains("RECONCILE");
    }

    @Test
    void followsTheRedirectOfANonLeadingMaster() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 4, 4096, 10000, 31000, 31099));
        try (MesosMasterSimulator follower =
                new MesosMasterSimulator(temp.resolve("follower"), Duration.ofMillis(300))) {
            follower.redirectTo(master);
            TopologyFramework framework = framework(follower.uri().toString(), demands(2, 1.0), RecordedTasks.none());

            awaitRunning(framework, 2);

            assertThat(framework.master()).isEqualTo(master.uri().toString());
            assertThat(follower.calls()).isEmpty();
        }
    }

    @Test
    void killEndsEveryTaskThenTearsDown() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 4, 4096, 10000, 31000, 31099));
        TopologyFramework framework = framework(master.uri().toString(), demands(3, 1.0), RecordedTasks.none());
        awaitRunning(framework, 3);
        List<Path> sandboxes = master.liveTasks().values().stream()
                .map(MesosMasterSimulator.TaskView::sandbox)
                .toList();

        List<String> unconfirmed = framework.killAll(Deadlines.scaled(WAIT));

        assertThat(unconfirmed).isEmpty();
        assertThat(master.liveTasks()).isEmpty();
        assertThat(master.calls()).contains("KILL").endsWith("TEARDOWN");
        assertThat(master.frameworkIds()).isEmpty();
        assertThat(framework.ended()).contains("torn down");
        assertThat(sandboxes).allMatch(Files::isDirectory);
    }

    @Test
    void restartOfOneContainerKillsItsTaskAndLaunchesANewOne() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 4, 4096, 10000, 31000, 31099));
        TopologyFramework framework = framework(master.uri().toString(), demands(2, 1.0), RecordedTasks.none());
        awaitRunning(framework, 2);
        String old = framework.currentTasks().get(1);

        framework.restart(OptionalInt.of(1));

        Deadlines.await(
                WAIT,
                () -> !old.equals(framework.currentTasks().get(1))
                        && phase(framework, 1) == ContainerStatus.Phase.RUNNING,
                () -> framework.status().toString());
        assertThat(master.liveTasks()).hasSize(2).doesNotContainKey(old);
    }

    @Test
    void failingContainersAreRelaunchedWithBackoffUntilTheLimit() throws Exception {
        master.addAgent(SimulatedAgent.of("a1", 4, 4096, 10000, 31000, 31099));
        TaskTemplate failing = new TaskTemplate(List.of("env", "PORT=${PORT0}", "false"), List.of(), Map.of());
        TopologyFramework framework =
                framework(master.uri().toString(), demands(1, 1.0), RecordedTasks.none(), failing);

        Deadlines.await(
                WAIT,
                () -> phase(framework, 0) == ContainerStatus.Phase.FAILED,
                () -> framework.status().toString());

        assertThat(master.launches()).isEqualTo(6);
        assertThat(detail(framework, 0))
                .startsWith("gave up after 5 relaunches in a row")
                .contains("TASK_FAILED")
                .contains("Command exited with status 1");
        assertThat(master.liveTasks()).isEmpty();
    }

    private TopologyFramework framework(String uri, Map<Integer, Demand> demands, RecordedTasks recorded) {
        return framework(
                uri,
                demands,
                recorded,
                new TaskTemplate(
                        List.of("env", "SHARD=${SHARD}", "PORT=${PORT0}", "sleep", "600"), List.of(), Map.of()));
    }

    private TopologyFramework framework(
            String uri, Map<Integer, Demand> demands, RecordedTasks recorded, TaskTemplate template) {
        MasterClient client = new MasterClient(
                MasterClient.masterUri(uri), Duration.ofSeconds(5), Duration.ofSeconds(20), "", Optional.empty());
        FrameworkSettings settings = new FrameworkSettings(
                "heron_scheduler_test",
                System.getProperty("user.name"),
                "heron",
                "",
                Optional.empty(),
                Duration.ofMinutes(5),
                5,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
                5,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        TopologyFramework framework =
                new TopologyFramework(client, settings, template, demands, recorded, journal::set, log::add);
        frameworks.add(framework);
        framework.start();
        return framework;
    }

    private static Map<Integer, Demand> demands(int count, double cpus) {
        Map<Integer, Demand> demands = new java.util.TreeMap<>();
        for (int i = 0; i < count; i++) {
            demands.put(i, Demand.of(cpus, 256, 100, 1));
        }
        return demands;
    }

    private static void awaitRunning(TopologyFramework framework, int count) {
        Deadlines.await(
                WAIT,
                () -> framework.status().size() == count
                        && framework.status().stream().allMatch(s -> s.phase() == ContainerStatus.Phase.RUNNING),
                () -> framework.status().toString());
    }

    private static ContainerStatus.Phase phase(TopologyFramework framework, int id) {
        return framework.status().stream()
                .filter(s -> s.containerId() == id)
                .findFirst()
                .map(ContainerStatus::phase)
                .orElse(null);
    }

    private static String detail(TopologyFramework framework, int id) {
        return framework.status().stream()
                .filter(s -> s.containerId() == id)
                .findFirst()
                .map(ContainerStatus::detail)
                .orElse("");
    }
}
