package io.egret.adapters.marathon;

import static io.egret.adapters.marathon.testing.TestingTopologies.handle;
import static io.egret.adapters.marathon.testing.TestingTopologies.launch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.marathon.simulator.MarathonSimulator;
import io.egret.adapters.marathon.testing.TestingTopologies;
import io.egret.domain.config.SecretValue;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.testsupport.TestTime;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher and scheduler against the Marathon simulator, without real processes. */
final class MarathonAdapterTest {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-token";
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(20);

    private MarathonSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private MarathonSimulator start(MarathonSimulator.Builder builder) {
        simulator = builder.basePath("/service/marathon").token(TOKEN).start();
        return simulator;
    }

    private static MarathonAdapterConfig config(URI uri, Optional<String> token) {
        return new MarathonAdapterConfig(
                uri,
                token.map(SecretValue::new),
                Optional.of("egret/heron:latest"),
                new MarathonAdapterConfig.Executor(
                        Optional.of(URI.create("https://example.com/heron-core.tar.gz")),
                        "/opt/heron/dist/heron-core",
                        "$JAVA_HOME",
                        "leader.mesos:2181",
                        "/heron",
                        Map.of()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                TestTime.scaled(Duration.ofSeconds(20)),
                Duration.ofMillis(50));
    }

    private LauncherPort launcher(Optional<String> token) {
        return new MarathonAdapterModule(config(simulator.uri(), token)).launcher();
    }

    private SchedulerPort scheduler(Optional<String> token) {
        return new MarathonAdapterModule(config(simulator.uri(), token)).scheduler();
    }

    @Test
    void submitCreatesOneGroupWithOneAppPerContainerAndTheExecutorGetsItsPorts() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("WordCount_1", 2, 1.5, 1024));

        assertThat(simulator.groupIds()).contains("/heron/topologies/wordcount-1");
        assertThat(simulator.appIds())
                .containsExactlyInAnyOrder(
                        "/heron/topologies/wordcount-1/0",
                        "/heron/topologies/wordcount-1/1",
                        "/heron/topologies/wordcount-1/2");
        assertThat(simulator.requests()).containsExactly("POST /service/marathon/v2/groups");
        TestTime.await("three tasks", Duration.ofSeconds(10), () -> simulator.liveTasks() == 3);
        MarathonSimulator.StartedTask first = simulator.startedTasks().stream()
                .filter(task -> task.appId().endsWith("/1"))
                .findFirst()
                .orElseThrow();
        assertThat(first.command())
                .startsWith(
                        "cd \"$MESOS_SANDBOX\" && CORE=heron-core && { [ -x \"$CORE/bin/heron-executor\" ] || CORE=.; }"
                                + " && JAVA_HOME=\"$JAVA_HOME\" exec \"$CORE/bin/heron-executor\" --topology-name=")
                .contains("--topology-name=WordCount_1")
                .contains("--container-id=1")
                .contains("--state-connection=leader.mesos:2181")
                .contains("--package-uri=" + TestingTopologies.PACKAGE)
                .contains("--server-port=\"$PORT0\" --tmanager-controller-port=\"$PORT1\"")
                .contains("--cluster=dcos --role=alice --environment=prod");
        assertThat(first.environment()).containsKeys("PORT0", "PORT1", "PORT_SERVER", "PORT_TMANAGER_CTL", "HOST");
        assertThat(first.environment()).containsEntry("MARATHON_APP_LABEL_HERON_TOPOLOGY", "WordCount_1");
    }

    @Test
    void eachExecutorsHeapIsBoundedByItsContainersRamInThePlan() throws Exception {
        start(MarathonSimulator.builder());
        // 3 GB containers with Heron's default 1 GB stream-manager share: 2 GB of heap; container 0 a fixed 256 MB.
        launcher(Optional.of(TOKEN)).launch(launch("heaps", 2, 1, 3072));
        TestTime.await(
                "three tasks",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 3);
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));
        // An update adds a container of 1.5 GB: 512 MB of heap, the same rule without the plan at hand.
        scheduler.addContainers(handle("heaps"), Set.of(TestingTopologies.container(3, 1, 1536)));
        TestTime.await(
                "four tasks",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 4);

        assertThat(simulator.startedTasks())
                .extracting(task -> task.appId() + " " + heap(task.command()))
                .containsExactlyInAnyOrder(
                        "/heron/topologies/heaps/0 256",
                        "/heron/topologies/heaps/1 2048",
                        "/heron/topologies/heaps/2 2048",
                        "/heron/topologies/heaps/3 512");
    }

    private static String heap(String command) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("--heap-mb=(\\d+)").matcher(command);
        return matcher.find() ? matcher.group(1) : "none";
    }

    @Test
    void statusReportsEveryContainerRunning() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("status", 2, 1, 512));
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));

        TestTime.await(
                "every container running",
                Duration.ofSeconds(10),
                () -> scheduler.status(handle("status")).stream()
                        .allMatch(container -> container.phase() == ContainerStatus.Phase.RUNNING));
        assertThat(scheduler.status(handle("status")))
                .extracting(ContainerStatus::containerId)
                .containsExactly(0, 1, 2);
    }

    @Test
    void killSuspendsWaitsThenDeletesAndAGoneGroupCountsAsKilled() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("killme", 2, 1, 512));
        TestTime.await("three tasks", Duration.ofSeconds(10), () -> simulator.liveTasks() == 3);
        simulator.clearRequests();

        scheduler(Optional.of(TOKEN)).kill(handle("killme"), KILL_TIMEOUT);

        assertThat(simulator.groupIds()).doesNotContain("/heron/topologies/killme");
        assertThat(simulator.liveTasks()).isZero();
        List<String> changes = simulator.requests().stream()
                .filter(request -> !request.startsWith("GET"))
                .toList();
        assertThat(changes)
                .containsExactly(
                        "PUT /service/marathon/v2/groups/heron/topologies/killme",
                        "DELETE /service/marathon/v2/groups/heron/topologies/killme");
        assertThat(scheduler(Optional.of(TOKEN)).status(handle("killme"))).isEmpty();

        scheduler(Optional.of(TOKEN)).kill(handle("killme"), KILL_TIMEOUT);
    }

    @Test
    void aContainerLargerThanAnyOfferWaitsWithTheReasonAndIsStillKilledCleanly() throws Exception {
        start(MarathonSimulator.builder().agents(List.of(new MarathonSimulator.Agent(2, 2048, 8192))));
        launcher(Optional.of(TOKEN)).launch(launch("huge", 1, 4, 8192));
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));

        TestTime.await(
                "a waiting container",
                Duration.ofSeconds(10),
                () -> scheduler.status(handle("huge")).stream()
                        .anyMatch(container -> container.phase() == ContainerStatus.Phase.PENDING));
        ContainerStatus waiting = scheduler.status(handle("huge")).get(0);
        assertThat(waiting.detail())
                .contains("waiting for resources")
                .contains("asks cpus=4 mem=8192 MiB")
                .contains("cpus=2 mem=2048 MiB")
                .contains("InsufficientCpus");
        assertThat(simulator.deployments()).isEqualTo(1);

        scheduler.kill(handle("huge"), KILL_TIMEOUT);

        assertThat(simulator.groupIds()).doesNotContain("/heron/topologies/huge");
        assertThat(simulator.deployments()).isZero();
        assertThat(simulator.requests()).contains("PUT /service/marathon/v2/groups/heron/topologies/huge?force=true");
    }

    @Test
    void aGroupThatExistsIsRefusedAndLeftAlone() throws Exception {
        start(MarathonSimulator.builder());
        LauncherPort launcher = launcher(Optional.of(TOKEN));
        launcher.launch(launch("twice", 1, 1, 512));

        assertThatThrownBy(() -> launcher.launch(launch("Twice", 1, 1, 512)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("Group /heron/topologies/twice is already created")
                .hasMessageContaining("it runs topology 'twice'");
        // Undoing the refused submit kills nothing: the group is another topology's.
        scheduler(Optional.of(TOKEN)).kill(handle("Twice"), KILL_TIMEOUT);
        assertThatThrownBy(() -> scheduler(Optional.of(TOKEN)).restart(handle("Twice"), OptionalInt.empty()))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("it runs topology 'twice'");
        assertThat(scheduler(Optional.of(TOKEN)).status(handle("Twice"))).isEmpty();
        assertThat(simulator.appIds()).hasSize(2);
    }

    @Test
    void aNameMarathonCannotTakeIsRefusedBeforeAnyRequest() throws Exception {
        start(MarathonSimulator.builder());

        assertThatThrownBy(() -> launcher(Optional.of(TOKEN)).launch(launch("ends-", 1, 1, 512)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("cannot be a Marathon id");
        assertThatThrownBy(() -> launcher(Optional.of(TOKEN)).launch(launch("Restart", 1, 1, 512)))
                .hasMessageContaining("reserved by Marathon");
        assertThat(simulator.requests()).isEmpty();
    }

    @Test
    void aBadOrMissingTokenSaysHowToGetOneAndNeverShowsIt() throws Exception {
        start(MarathonSimulator.builder().forbiddenToken("valid-but-not-allowed"));

        assertThatThrownBy(() -> launcher(Optional.of("expired-token-value")).launch(launch("auth", 1, 1, 512)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("401 Unauthorized")
                .hasMessageContaining("invalid or expired")
                .hasMessageContaining("dcos auth login")
                .hasMessageNotContaining("expired-token-value");
        assertThatThrownBy(() -> launcher(Optional.empty()).launch(launch("auth", 1, 1, 512)))
                .hasMessageContaining("heron.marathon.scheduler.auth.token is not set");
        assertThatThrownBy(() -> launcher(Optional.of("valid-but-not-allowed")).launch(launch("auth", 1, 1, 512)))
                .hasMessageContaining("403 Forbidden")
                .hasMessageNotContaining("valid-but-not-allowed");
        assertThat(simulator.groupIds()).isEmpty();
    }

    @Test
    void anUnavailableOrUnreachableMarathonIsReportedAsUnreachable() throws Exception {
        start(MarathonSimulator.builder());
        simulator.failWith(503);
        assertThatThrownBy(() -> launcher(Optional.of(TOKEN)).launch(launch("down", 1, 1, 512)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("answered 503");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/service/marathon");
        assertThatThrownBy(() -> new MarathonAdapterModule(config(nowhere, Optional.of(TOKEN)))
                        .scheduler()
                        .kill(handle("down"), KILL_TIMEOUT))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("cannot reach Marathon at " + nowhere);
    }

    @Test
    void restartReplacesOneContainerOrAll() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("restart-me", 2, 1, 512));
        TestTime.await(
                "three tasks",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 3);
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));

        scheduler.restart(handle("restart-me"), OptionalInt.of(1));
        TestTime.await(
                "container 1 restarted",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 4);
        assertThat(simulator.startedTasks().get(3).appId()).isEqualTo("/heron/topologies/restart-me/1");
        TestTime.await("no deployment", Duration.ofSeconds(10), () -> simulator.deployments() == 0);

        scheduler.restart(handle("restart-me"), OptionalInt.empty());
        TestTime.await(
                "all restarted",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 7);
        assertThat(simulator.liveTasks()).isEqualTo(3);

        assertThatThrownBy(() -> scheduler.restart(handle("restart-me"), OptionalInt.of(9)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("has no container 9");
    }

    @Test
    void statusCountsRestartsFromTheAppsVersionsAndARelaunchAfterAFailure() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("counted", 2, 1, 512));
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));
        TestTime.await(
                "three tasks",
                Duration.ofSeconds(10),
                () -> simulator.startedTasks().size() == 3);
        assertThat(restarts(scheduler, "counted")).containsExactly(0, 0, 0);

        scheduler.restart(handle("counted"), OptionalInt.of(1));
        scheduler.restart(handle("counted"), OptionalInt.of(1));
        TestTime.await("no deployment", Duration.ofSeconds(10), () -> simulator.deployments() == 0);
        assertThat(restarts(scheduler, "counted")).containsExactly(0, 2, 0);

        scheduler.restart(handle("counted"), OptionalInt.empty());
        TestTime.await("no deployment", Duration.ofSeconds(10), () -> simulator.deployments() == 0);
        assertThat(restarts(scheduler, "counted")).containsExactly(1, 3, 1);

        // A crash is not a new version: it counts once its replacement has started.
        int started = simulator.startedTasks().size();
        assertThat(simulator.crashTask("/heron/topologies/counted/2")).isTrue();
        TestTime.await(
                "the crashed container relaunched",
                Duration.ofSeconds(20),
                () -> simulator.startedTasks().size() == started + 1);
        TestTime.await(
                "the relaunch counted",
                Duration.ofSeconds(10),
                () -> restarts(scheduler, "counted").equals(List.of(1, 3, 2)));
    }

    private static List<Integer> restarts(SchedulerPort scheduler, String topology) {
        return scheduler.status(handle(topology)).stream()
                .map(ContainerStatus::restarts)
                .toList();
    }

    @Test
    void updateAddsAndRemovesApps() throws Exception {
        start(MarathonSimulator.builder());
        launcher(Optional.of(TOKEN)).launch(launch("grow", 1, 1, 512));
        SchedulerPort scheduler = scheduler(Optional.of(TOKEN));

        scheduler.addContainers(
                handle("grow"),
                Set.of(TestingTopologies.container(2, 2, 1024), TestingTopologies.container(3, 1, 512)));
        assertThat(simulator.appIds()).contains("/heron/topologies/grow/2", "/heron/topologies/grow/3");
        TestTime.await("four tasks", Duration.ofSeconds(10), () -> simulator.liveTasks() == 4);
        assertThat(simulator.startedTasks().stream()
                        .filter(task -> task.appId().endsWith("/3"))
                        .findFirst()
                        .orElseThrow()
                        .command())
                .contains("--container-id=3")
                .contains("--package-uri=" + TestingTopologies.PACKAGE);
        assertThatThrownBy(
                        () -> scheduler.addContainers(handle("grow"), Set.of(TestingTopologies.container(2, 1, 512))))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("already exists");

        scheduler.removeContainers(
                handle("grow"),
                Set.of(TestingTopologies.container(2, 2, 1024), TestingTopologies.container(3, 1, 512)));
        assertThat(simulator.appIds())
                .containsExactlyInAnyOrder("/heron/topologies/grow/0", "/heron/topologies/grow/1");
        assertThat(simulator.liveTasks()).isEqualTo(2);
        scheduler.removeContainers(handle("grow"), Set.of(TestingTopologies.container(3, 1, 512)));
    }

    @Test
    void previewShowsTheExactGroupWithTheTokenRedactedAndSendsNothing() throws Exception {
        start(MarathonSimulator.builder());

        String preview = launcher(Optional.of(TOKEN))
                .preview(launch("preview", 2, 1, 512))
                .orElseThrow();

        assertThat(preview)
                .startsWith("POST " + simulator.uri() + "/v2/groups\nAuthorization: token=****\n")
                .contains("\"id\" : \"/heron/topologies/preview\"")
                .contains("\"id\" : \"/heron/topologies/preview/2\"")
                .contains("\"image\" : \"egret/heron:latest\"")
                .doesNotContain(TOKEN);
        assertThat(simulator.requests()).isEmpty();
    }
}
