package io.egret.adapters.local.scheduler;

import static io.egret.adapters.local.scheduler.FakeExecutors.await;
import static io.egret.adapters.local.scheduler.FakeExecutors.grandchild;
import static io.egret.adapters.local.scheduler.FakeExecutors.isAlive;
import static io.egret.adapters.local.scheduler.FakeExecutors.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.files.PathTemplate;
import io.egret.adapters.local.packaging.TarGzTopologyPackager;
import io.egret.adapters.local.state.LocalFileSystemStateStore;
import io.egret.adapters.local.testing.TestingJvm;
import io.egret.adapters.local.testing.TestingTopologies;
import io.egret.adapters.local.upload.LocalFileSystemUploader;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ContainerStatus.Phase;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.PackageRequest;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyHandle;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher, the scheduler service (a real child JVM) and the client together, with a shell script as
 * executor: what {@code heron submit} and {@code heron kill} do on the local cluster.
 */
final class LocalSchedulerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAME = "wordcount";

    @TempDir
    Path directory;

    private LocalFileSystemStateStore store;
    private LocalAdapterConfig.SchedulerConfig config;
    private Path core;
    private final List<TopologyHandle> launched = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        store = new LocalFileSystemStateStore(directory.resolve("state"), true);
        core = Files.createDirectories(directory.resolve("heron-core"));
        FakeExecutors.longRunning(core.resolve("bin"));
        // On the real module path, as in production: HTTP server, JSON and state store access are checked there.
        List<String> serviceCommand = new ArrayList<>(TestingJvm.moduleCommand(TestingSchedulerServiceMain.class));
        serviceCommand.add(1, "-Degret.test.state.root=" + directory.resolve("state"));
        config = LocalAdapterConfig.SchedulerConfig.defaults(directory.resolve("home"), "local")
                .withServiceCommand(serviceCommand)
                .withCore(Optional.empty(), Optional.of(core))
                .withRestarts(3, Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @AfterEach
    void cleanUp() {
        try {
            LocalSchedulerClient client = client();
            for (TopologyHandle handle : launched) {
                client.kill(handle, Duration.ofSeconds(20));
            }
        } finally {
            store.close();
            // The kill above is the code under test: if it is broken, nothing this test started may outlive it.
            String marker = directory.toString();
            ProcessHandle.allProcesses()
                    .filter(process -> process.info()
                            .arguments()
                            .map(arguments -> String.join(" ", arguments).contains(marker))
                            .orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void launchStartsTheServiceAndEveryContainerAndKillLeavesNothing() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();

        StoredTopology stored = store.read(TopologyName.of(NAME)).orElseThrow();
        assertThat(stored.scheduler()).isPresent();
        assertThat(stored.scheduler().get().endpoint()).startsWith("127.0.0.1:");
        assertThat(sandbox.resolve("heron-core")).isSymbolicLink();
        assertThat(sandbox.resolve("topology.jar")).hasContent("jar");
        assertThat(sandbox.resolve("wordcount.defn.json")).exists();
        assertThat(sandbox.resolve("heron-conf/effective.json")).content().contains("heron.statemgr.root.path");
        awaitContainers(sandbox, 0, 1, 2);

        List<ContainerStatus> statuses = client().status(handle);
        assertThat(statuses).extracting(ContainerStatus::containerId).containsExactly(0, 1, 2);
        assertThat(statuses).extracting(ContainerStatus::phase).containsOnly(Phase.RUNNING);
        List<Long> processes = processesOf(sandbox, 0, 1, 2);
        long service = schedulerPid(sandbox);

        client().kill(handle, Duration.ofSeconds(20));
        launched.remove(handle);

        assertThat(processes)
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("pid " + pid).isFalse());
        await("the service exited", WAIT, () -> !isAlive(service));
        assertThat(new Sandbox(sandbox).processRecords()).isEmpty();
        assertThat(sandbox.resolve(Sandbox.SCHEDULER_OUTPUT)).content().contains("killed");
    }

    @Test
    void killStillEndsEverythingWhenTheServiceWasKilled() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);
        List<Long> processes = processesOf(sandbox, 0, 1, 2);
        long service = schedulerPid(sandbox);

        ProcessHandle.of(service).orElseThrow().destroyForcibly();
        await("the service died", WAIT, () -> !isAlive(service));

        List<ContainerStatus> statuses = client().status(handle);
        assertThat(statuses).extracting(ContainerStatus::phase).containsOnly(Phase.RUNNING);
        assertThat(statuses.get(0).detail()).contains("unsupervised").contains("does not answer");
        assertThatThrownBy(() -> client().restart(handle, OptionalInt.of(1)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("did not answer /restart")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.UNREACHABLE);

        client().kill(handle, Duration.ofSeconds(20));
        launched.remove(handle);

        assertThat(processes)
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("pid " + pid).isFalse());
        assertThat(new Sandbox(sandbox).processRecords()).isEmpty();
    }

    @Test
    void aKilledExecutorIsRestartedAndReportedInTheStatus() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);

        ProcessHandle.of(starts(sandbox, 2).get(0)).orElseThrow().destroyForcibly();

        await("container 2 restarted", WAIT, () -> starts(sandbox, 2).size() == 2);
        await("container 2 running", WAIT, () -> client().status(handle).get(2).phase() == Phase.RUNNING);
        assertThat(client().status(handle).get(2).restarts()).isEqualTo(1);
        assertThat(sandbox.resolve(Sandbox.SCHEDULER_OUTPUT))
                .content()
                .contains("container 2: executor pid " + starts(sandbox, 2).get(0) + " exited with status")
                .contains("restart 1 of 3");
        assertThat(client().status(handle).get(1).restarts()).isZero();
    }

    @Test
    void restartAddAndRemoveGoThroughTheService() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);

        client().restart(handle, OptionalInt.of(1));
        await("container 1 restarted", WAIT, () -> starts(sandbox, 1).size() == 2);
        assertThatThrownBy(() -> client().restart(handle, OptionalInt.of(7)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("container 7 is not running")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);

        client().addContainers(handle, Set.of(container(3)));
        awaitContainers(sandbox, 3);
        assertThatThrownBy(() -> client().addContainers(handle, Set.of(container(3))))
                .isInstanceOf(EgretException.class)
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        long removed = grandchild(sandbox, 2).orElseThrow();

        client().removeContainers(handle, Set.of(container(2)));

        assertThat(isAlive(removed)).isFalse();
        assertThat(client().status(handle))
                .extracting(ContainerStatus::containerId)
                .containsExactly(0, 1, 3);
    }

    @Test
    void aKillWithAStaleHandleEndsNothingOfTheCurrentIncarnation() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);
        TopologyHandle stale = new TopologyHandle(
                handle.name(), TopologyId.of("wordcount-earlier"), handle.target(), handle.schedulerLocation());

        client().kill(stale, Duration.ofSeconds(10));

        assertThat(processesOf(sandbox, 0, 1, 2))
                .allSatisfy(pid -> assertThat(isAlive(pid)).isTrue());
        assertThat(client().status(handle)).extracting(ContainerStatus::phase).containsOnly(Phase.RUNNING);
    }

    @Test
    void aKillAddressedByNameBecauseTheStateIsUnreadableEndsEveryRecordedProcess() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);
        List<Long> processes = new ArrayList<>(processesOf(sandbox, 0, 1, 2));
        processes.add(schedulerPid(sandbox));
        // Execution state, master location and physical plan damaged: no incarnation id and no scheduler address.
        TopologyHandle byName = new TopologyHandle(
                handle.name(), TopologyId.of(handle.name().value()), handle.target(), java.util.Optional.empty());

        client().kill(byName, Duration.ofSeconds(10));
        launched.remove(handle);

        await("every recorded process ended", WAIT, () -> processes.stream().noneMatch(FakeExecutors::isAlive));
    }

    @Test
    void aKillAddressedByNameFindsProcessesWhoseRecordsAreLostByTheirMarker() throws Exception {
        TopologyHandle handle = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);
        List<Long> processes = new ArrayList<>(processesOf(sandbox, 0, 1, 2));
        processes.add(schedulerPid(sandbox));
        // The records are gone (deleted by hand, a broken disk): only the processes' marker is left.
        try (java.util.stream.Stream<Path> records = Files.list(sandbox.resolve("pids"))) {
            for (Path record : records.toList()) {
                Files.delete(record);
            }
        }
        TopologyHandle byName = new TopologyHandle(
                handle.name(), TopologyId.of(handle.name().value()), handle.target(), java.util.Optional.empty());

        client().kill(byName, Duration.ofSeconds(10));
        launched.remove(handle);

        await("every marked process ended", WAIT, () -> processes.stream().noneMatch(FakeExecutors::isAlive));
    }

    @Test
    void aLaunchEndsOrphansOfAnEarlierIncarnationWhoseStateIsGone() throws Exception {
        TopologyHandle earlier = launch(config);
        Path sandbox = sandbox();
        awaitContainers(sandbox, 0, 1, 2);
        List<Long> orphans = processesOf(sandbox, 0, 1, 2);
        orphans = new ArrayList<>(orphans);
        orphans.add(schedulerPid(sandbox));
        // The state was lost (deleted by hand, say) while everything kept running.
        store.deleteAll(TopologyName.of(NAME));
        launched.remove(earlier);

        launch(config);

        assertThat(orphans)
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("orphan " + pid).isFalse());
        awaitContainers(sandbox, 0, 1, 2);
        assertThat(starts(sandbox, 1)).hasSize(1);
    }

    @Test
    void aServiceThatDiesOnStartIsReportedWithItsOutput() throws IOException {
        LocalAdapterConfig.SchedulerConfig failing =
                config.withServiceCommand(TestingJvm.command(FailingSchedulerServiceMain.class));

        assertThatThrownBy(() -> launch(failing))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("exited with status 3 before it recorded its location")
                .hasMessageContaining("cannot connect to the state store at zk://nowhere:2181")
                .hasMessageContaining(Sandbox.SCHEDULER_OUTPUT);
    }

    @Test
    void theCorePackageIsDownloadedAndUnpackedWithItsModes() throws Exception {
        Path archive = directory.resolve("heron-core.tar.gz");
        writeCoreArchive(archive, Files.readString(core.resolve("bin/heron-executor")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/heron-core.tar.gz", exchange -> {
            byte[] body = Files.readAllBytes(archive);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/heron-core.tar.gz");
            launch(config.withCore(Optional.of(uri), Optional.empty()));
            Path sandbox = sandbox();

            assertThat(sandbox.resolve("heron-core")).isDirectory().isNot(SYMBOLIC_LINK);
            assertThat(Files.isExecutable(sandbox.resolve("heron-core/bin/heron-executor")))
                    .isTrue();
            assertThat(sandbox.resolve("heron-core.tar.gz")).doesNotExist();
            awaitContainers(sandbox, 0, 1, 2);

            URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing.tar.gz");
            store.deleteAll(TopologyName.of(NAME));
            client().kill(launched.remove(0), Duration.ofSeconds(20));
            assertThatThrownBy(() -> launch(config.withCore(Optional.of(missing), Optional.empty())))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aWorkingDirectoryThatIsNotASandboxIsNeverEmptied() throws IOException {
        Path precious = Files.createDirectories(directory.resolve("home/.herondata/topologies/local/alice/wordcount"));
        Files.writeString(precious.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> launch(config))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("is not empty and was not made by heron")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
        assertThat(precious.resolve("thesis.tex")).hasContent("years of work");
    }

    private static final Condition<Path> SYMBOLIC_LINK = new Condition<>(Files::isSymbolicLink, "a symbolic link");

    private TopologyHandle launch(LocalAdapterConfig.SchedulerConfig schedulerConfig) throws IOException {
        TopologyDefinition definition = TestingTopologies.definition(NAME);
        PackingPlan plan = new PackingPlan("RoundRobin", List.of(container(1), container(2)));
        ExecutionState state = TestingTopologies.submitting(NAME, NAME + "-" + System.nanoTime());
        store.create(definition, plan, state);
        Path jar = Files.writeString(directory.resolve("topology.jar"), "jar");
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory.resolve("tmp"));
        TopologyPackage topologyPackage = packager.build(
                new PackageRequest(definition, jar, Map.of("heron.statemgr.root.path", directory + "/state")));
        UploadedPackage uploaded = new LocalFileSystemUploader(directory + "/packages/${TOPOLOGY}")
                .upload(TestingTopologies.TARGET, topologyPackage);
        packager.discard(topologyPackage);

        new LocalLauncher(schedulerConfig, store).launch(new LaunchRequest(definition, plan, state, uploaded));

        TopologyHandle handle = new TopologyHandle(
                state.name(),
                state.id(),
                state.target(),
                store.read(state.name()).flatMap(StoredTopology::scheduler));
        launched.add(handle);
        return handle;
    }

    private LocalSchedulerClient client() {
        return new LocalSchedulerClient(
                new PathTemplate(LocalLauncher.WORKING_DIRECTORY_KEY, config.workingDirectory()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private Path sandbox() {
        return directory.resolve("home/.herondata/topologies/local/alice/wordcount");
    }

    private static void awaitContainers(Path sandbox, int... containers) throws InterruptedException {
        for (int container : containers) {
            await(
                    "container " + container + " started",
                    WAIT,
                    () -> grandchild(sandbox, container).isPresent());
        }
    }

    private static List<Long> processesOf(Path sandbox, int... containers) {
        List<Long> processes = new ArrayList<>();
        for (int container : containers) {
            processes.addAll(starts(sandbox, container));
            processes.add(grandchild(sandbox, container).orElseThrow());
        }
        return processes;
    }

    private static long schedulerPid(Path sandbox) throws IOException {
        return new Sandbox(sandbox)
                .processRecords().stream()
                        .filter(ProcessRecord::isScheduler)
                        .findFirst()
                        .orElseThrow()
                        .pid();
    }

    private static ContainerPlan container(int id) {
        Resources resources = new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));
        return new ContainerPlan(
                id, List.of(new InstancePlan(new InstanceId("split", 10 + id, id), resources)), resources);
    }

    private static void writeCoreArchive(Path archive, String executorScript) throws IOException {
        byte[] script = executorScript.getBytes(StandardCharsets.UTF_8);
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (String directoryName : List.of("heron-core/", "heron-core/bin/")) {
                TarArchiveEntry entry = new TarArchiveEntry(directoryName);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry entry = new TarArchiveEntry("heron-core/bin/heron-executor");
            entry.setMode(0100755);
            entry.setSize(script.length);
            tar.putArchiveEntry(entry);
            tar.write(script);
            tar.closeArchiveEntry();
        }
    }
}
