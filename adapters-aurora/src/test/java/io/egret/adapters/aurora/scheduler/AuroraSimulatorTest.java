package io.egret.adapters.aurora.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.adapters.aurora.testing.TestDeadlines;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.TopologyHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher and scheduler against the {@code aurora} simulator in {@code src/test/sim}: real client processes,
 * real Thermos-like sandboxes with processes in them, job state kept between calls.
 */
final class AuroraSimulatorTest {
    static final Path SIMULATOR = Path.of(System.getProperty("egret.aurora.simulator", "src/test/sim"))
            .resolve("aurora");
    private static final ClusterTarget TARGET = new ClusterTarget("aurora", "www-data", "devel");
    private static final TopologyName NAME = TopologyName.of("wordcount");
    private static final String KEY = "aurora/www-data/devel/wordcount";

    @TempDir
    Path directory;

    Path simHome;
    Path template;
    String topologyPackage;

    @BeforeEach
    void writeJobFile() throws IOException {
        simHome = directory.resolve("sim");
        Files.createDirectories(simHome);
        template = directory.resolve("heron.aurora");
        // Uses every kind of reference: bindings, Aurora's instance fields, a port, the objects' own fields.
        Files.writeString(
                template,
                String.join(
                        "\n",
                        "fetch = Process(name = 'fetch', cmdline = 'cp {{TOPOLOGY_PACKAGE_URI}} package.txt')",
                        "work = Process(name = 'work', cmdline = 'echo {{TOPOLOGY_NAME}} {{mesos.instance}}"
                                + " {{thermos.ports[server]}} {{role}} >> started.txt && exec sleep 600')",
                        "task = SequentialTask(processes = [fetch, work], resources = Resources(",
                        "  cpu = '{{CPUS_PER_CONTAINER}}', ram = '{{RAM_PER_CONTAINER}}', disk = '{{DISK_PER_CONTAINER}}'))",
                        "jobs = [Service(cluster = '{{CLUSTER}}', role = '{{ROLE}}', environment = '{{ENVIRON}}',",
                        "  name = '{{TOPOLOGY_NAME}}', instances = '{{NUM_CONTAINERS}}', task = task)]",
                        ""));
        Path packageFile = directory.resolve("package.txt");
        Files.writeString(packageFile, "the topology\n");
        topologyPackage = packageFile.toString();
    }

    @AfterEach
    void endEverything() throws Exception {
        // A backstop: whatever a failed test left running is killed through the simulator itself.
        simulator("job", "killall", KEY);
    }

    AuroraAdapterConfig config(List<String> client, Duration clientTimeout, int killAttempts) {
        return new AuroraAdapterConfig(
                client,
                template,
                List.of(),
                "./heron-core/bin/heron-executor",
                List.of("--state-root=/tmp/state"),
                "file:///tmp/core.tar.gz",
                "/usr/lib/jvm/java",
                "file",
                killAttempts,
                Duration.ofMillis(50),
                clientTimeout,
                Optional.empty());
    }

    AuroraAdapterConfig config() {
        return config(client(), TestDeadlines.scaled(Duration.ofSeconds(60)), 3);
    }

    List<String> client() {
        return List.of(
                "env", "AURORA_SIM_HOME=" + simHome, SIMULATOR.toAbsolutePath().toString());
    }

    static PackingPlan plan(int containers) {
        List<ContainerPlan> plans = new ArrayList<>();
        for (int id = 1; id <= containers; id++) {
            plans.add(container(id));
        }
        return new PackingPlan("test", plans);
    }

    static ContainerPlan container(int id) {
        Resources resources = new Resources(1, ByteAmount.ofMegabytes(256), ByteAmount.ofMegabytes(256));
        return new ContainerPlan(
                id, List.of(new InstancePlan(new InstanceId("word", id, id - 1), resources)), resources);
    }

    static TopologyHandle handle() {
        return new TopologyHandle(NAME, TopologyId.of("wordcount-1"), TARGET, Optional.empty());
    }

    void launch(AuroraAdapterConfig config, int containers) {
        AuroraLauncher launcher = new AuroraLauncher(config, new AuroraClient(config.client()), new LaunchLedger());
        launcher.create(launcher.prepare(
                TARGET,
                NAME,
                TopologyId.of("wordcount-1"),
                plan(containers),
                new TopologyConfig(Map.of()),
                topologyPackage));
    }

    @Test
    void everyOperationWorksAgainstTheSimulatorAndKillLeavesNothingRunning() throws Exception {
        AuroraAdapterConfig config = config();
        AuroraScheduler scheduler = new AuroraScheduler(config, new AuroraClient(config.client()), new LaunchLedger());

        launch(config, 2);

        List<ContainerStatus> running = scheduler.status(handle());
        assertThat(running).extracting(ContainerStatus::containerId).containsExactly(0, 1, 2);
        awaitStarted(3);
        assertThat(startedLines())
                .hasSize(3)
                .allMatch(line -> line.matches("wordcount [012] [0-9]+ www-data"))
                .extracting(line -> line.substring(0, 11))
                .containsExactly("wordcount 0", "wordcount 1", "wordcount 2");
        assertThat(Files.readString(sandboxFile(0, "package.txt"))).isEqualTo("the topology\n");

        scheduler.restart(handle(), OptionalInt.of(1));
        awaitStarted(4);
        assertThat(scheduler.status(handle()).get(1).restarts()).isZero();
        scheduler.restart(handle(), OptionalInt.empty());
        awaitStarted(7);
        assertThatThrownBy(() -> scheduler.restart(handle(), OptionalInt.of(9)))
                .isInstanceOf(EgretException.class)
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);

        scheduler.addContainers(handle(), Set.of(container(3), container(4)));
        assertThat(scheduler.status(handle()))
                .extracting(ContainerStatus::containerId)
                .containsExactly(0, 1, 2, 3, 4);
        scheduler.removeContainers(handle(), Set.of(container(3), container(4)));
        assertThat(scheduler.status(handle()))
                .filteredOn(status -> status.phase() == ContainerStatus.Phase.RUNNING)
                .extracting(ContainerStatus::containerId)
                .containsExactly(0, 1, 2);
        scheduler.removeContainers(handle(), Set.of(container(4)));

        scheduler.kill(handle(), TestDeadlines.scaled(Duration.ofSeconds(60)));
        assertThat(scheduler.status(handle())).allMatch(status -> status.phase() == ContainerStatus.Phase.FINISHED);
        assertThat(sleepers()).isEmpty();
        // A job that is already gone counts as killed.
        scheduler.kill(handle(), TestDeadlines.scaled(Duration.ofSeconds(60)));
        assertThat(calls())
                .contains("[\"aurora\", \"job\", \"killall\", \"" + KEY + "\", \"--batch-size\", \"2147483647\"]")
                .contains("[\"aurora\", \"job\", \"add\", \"--wait-until\", \"RUNNING\", \"" + KEY
                        + "/0\", \"2\", \"--verbose\"]");
    }

    @Test
    void newInstancesWithOtherIdsThanThePlanAreKilledAgain() {
        AuroraAdapterConfig config = config();
        AuroraScheduler scheduler = new AuroraScheduler(config, new AuroraClient(config.client()), new LaunchLedger());
        launch(config, 1);

        assertThatThrownBy(() -> scheduler.addContainers(handle(), Set.of(container(5))))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("numbered the new instances of " + KEY + " [2]")
                .hasMessageContaining("needs containers [5]");
        assertThat(scheduler.status(handle()))
                .filteredOn(status -> status.phase() != ContainerStatus.Phase.FINISHED)
                .extracting(ContainerStatus::containerId)
                .containsExactly(0, 1);
    }

    @Test
    void aMissingClientIsAClearError() {
        AuroraAdapterConfig config = config(List.of("aurora-not-installed"), Duration.ofSeconds(5), 1);

        assertThatThrownBy(() -> launch(config, 1))
                .isInstanceOf(EgretException.class)
                .hasMessageStartingWith("the Aurora client 'aurora-not-installed' is not on the PATH")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void aNonZeroExitAtEachStepIsAClearError() throws Exception {
        AuroraAdapterConfig config = config();
        AuroraScheduler scheduler = new AuroraScheduler(config, new AuroraClient(config.client()), new LaunchLedger());

        faults("{\"job create\": [7]}");
        assertFailure(
                () -> launch(config, 1),
                ErrorCode.UNREACHABLE,
                "cannot create the Aurora job " + KEY + ": network error");
        assertThat(scheduler.status(handle())).isEmpty();

        launch(config, 1);
        faults("{\"job restart\": [30], \"job add\": [4], \"job kill\": [9], \"job status\": [10]}");
        assertFailure(
                () -> scheduler.restart(handle(), OptionalInt.empty()),
                ErrorCode.USER_ERROR,
                "authentication with the Aurora scheduler failed");
        assertFailure(
                () -> scheduler.addContainers(handle(), Set.of(container(2))),
                ErrorCode.USER_ERROR,
                "the Aurora scheduler refused the command");
        assertFailure(
                () -> scheduler.removeContainers(handle(), Set.of(container(1))), ErrorCode.UNREACHABLE, "timed out");
        assertFailure(() -> scheduler.status(handle()), ErrorCode.INTERNAL, "API error");

        // Kill is retried per heron.scheduler.job.max.kill.attempts (3 here): two failures are survived ...
        faults("{\"job killall\": [7, 7]}");
        scheduler.kill(handle(), TestDeadlines.scaled(Duration.ofSeconds(60)));
        assertThat(scheduler.status(handle())).allMatch(status -> status.phase() == ContainerStatus.Phase.FINISHED);
        // ... three are not.
        faults("{\"job killall\": [7, 7, 7]}");
        assertFailure(
                () -> scheduler.kill(handle(), TestDeadlines.scaled(Duration.ofSeconds(60))),
                ErrorCode.UNREACHABLE,
                "after 3 attempt(s)");
    }

    @Test
    void aJobStuckPendingTimesOutWithAuroraReasonAndIsKilledCleanly() throws Exception {
        Files.writeString(simHome.resolve("agent.json"), "{\"cpu\": 8, \"ram_mb\": 128, \"disk_mb\": 100000}");
        // Only the create is bounded by 2 s; the other commands get the usual time, however loaded the machine.
        AuroraAdapterConfig config = config(client(), Duration.ofSeconds(2), 1);
        AuroraScheduler scheduler = new AuroraScheduler(config(), new AuroraClient(client()), new LaunchLedger());

        assertFailure(() -> launch(config, 1), ErrorCode.UNREACHABLE, "did not finish within 2 s and was stopped");
        assertThat(scheduler.status(handle()))
                .extracting(ContainerStatus::phase, ContainerStatus::detail)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(
                        ContainerStatus.Phase.PENDING,
                        "PENDING: Insufficient: RAM (256 MB requested, largest offer 128 MB)"));

        scheduler.kill(handle(), TestDeadlines.scaled(Duration.ofSeconds(30)));
        assertThat(scheduler.status(handle())).allMatch(status -> status.phase() == ContainerStatus.Phase.FINISHED);
    }

    @Test
    void theSimulatorRefusesUnboundAndMisspelledBindingsAsAuroraDoes() throws Exception {
        // Straight to the client, past Egret's own check: the simulator must catch it too.
        Process create = new ProcessBuilder(
                        "env",
                        "AURORA_SIM_HOME=" + simHome,
                        SIMULATOR.toAbsolutePath().toString(),
                        "job",
                        "create",
                        "--bind",
                        "CLUSTER=aurora",
                        "--bind",
                        "ROLE=www-data",
                        "--bind",
                        "ENVIRON=devel",
                        "--bind",
                        "TOPOLOGY_NAM=wordcount",
                        "--bind",
                        "NUM_CONTAINERS=1",
                        "--bind",
                        "CPUS_PER_CONTAINER=1",
                        "--bind",
                        "RAM_PER_CONTAINER=1024",
                        "--bind",
                        "DISK_PER_CONTAINER=1024",
                        "--bind",
                        "TOPOLOGY_PACKAGE_URI=/x",
                        KEY,
                        template.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(create.getInputStream().readAllBytes(), UTF_8);
        assertThat(create.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(create.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("uninterpolated variables {{TOPOLOGY_NAME}}");
        assertThat(simulator("job", "status", KEY)).isEqualTo(6);

        ClusterTarget defaultEnviron = new ClusterTarget("aurora", "www-data", "default");
        AuroraLauncher launcher = new AuroraLauncher(config(), new AuroraClient(client()), new LaunchLedger());
        assertFailure(
                () -> launcher.create(launcher.prepare(
                        defaultEnviron,
                        NAME,
                        TopologyId.of("w-1"),
                        plan(1),
                        new TopologyConfig(Map.of()),
                        topologyPackage)),
                ErrorCode.USER_ERROR,
                "Environment should be one of prod, devel, test or staging<number>! Got default");
    }

    private static void assertFailure(Runnable action, ErrorCode code, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOf(EgretException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(code);
    }

    private void faults(String json) throws IOException {
        Files.writeString(simHome.resolve("faults.json"), json);
    }

    private int simulator(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(client());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private String calls() throws IOException {
        return Files.readString(simHome.resolve("calls.log"));
    }

    private List<String> startedLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(simHome.resolve("sandboxes"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals("started.txt"))
                    .toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines.stream().sorted().toList();
    }

    private Path sandboxFile(int instance, String name) throws IOException {
        try (Stream<Path> files = Files.list(simHome.resolve("sandboxes"))) {
            return files.filter(dir -> dir.getFileName().toString().contains("-wordcount-" + instance + "-"))
                    .map(dir -> dir.resolve(name))
                    .filter(Files::exists)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private void awaitStarted(int count) throws Exception {
        await(() -> startedLines().size() >= count, "started.txt lines >= " + count);
    }

    /** Every process whose working directory is in the simulator's sandboxes. */
    private List<ProcessHandle> sleepers() {
        return ProcessHandle.allProcesses()
                .filter(process -> isUnder(process, simHome))
                .toList();
    }

    private static boolean isUnder(ProcessHandle process, Path directory) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                    .startsWith(directory);
        } catch (IOException e) {
            return false;
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline =
                System.nanoTime() + TestDeadlines.scaled(Duration.ofSeconds(30)).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
