package io.egret.modules.runtime;

import static io.egret.ports.contract.StateStoreRecords.definition;
import static io.egret.ports.contract.StateStoreRecords.plan;
import static io.egret.ports.contract.StateStoreRecords.submitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperAdapterModule;
import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.UploadedPackage;
import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local launcher waits for the scheduler service's location through the state store's watch (here ZooKeeper, a
 * real server): it reads the location once, then again only when the watch or the service's exit wakes it. The
 * service is a process that never records anything; the test records the location in its place, from another
 * ZooKeeper session, as the service would.
 */
final class LocalLauncherLocationWatchTest {
    private static final String NAME = "watched";
    /** Far beyond any test deadline: a launcher that returns did not wait for it. */
    private static final Duration START_TIMEOUT = Duration.ofHours(1);

    @TempDir
    Path directory;

    private TestingServer server;
    private StateStorePort launcherStore;
    private StateStorePort serviceStore;

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
        ZooKeeperStateConfig config =
                ZooKeeperStateConfig.defaults(ConnectString.parse(server.getConnectString()), "/heron");
        launcherStore = ZooKeeperAdapterModule.openStateStore(config);
        serviceStore = ZooKeeperAdapterModule.openStateStore(config);
    }

    @AfterEach
    void stopEverything() throws IOException {
        // The launcher's service processes (and what they started) are this JVM's only child processes.
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        serviceStore.close();
        launcherStore.close();
        server.close();
    }

    @Test
    void launchReturnsWhenTheLocationIsWrittenAndReadsOnlyWhenTheWatchFires() throws Exception {
        RecordingStore recording = new RecordingStore(launcherStore, true);
        LaunchRequest request = request();
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() ->
                launcher(List.of("sh", "-c", "sleep 600", "service"), recording).launch(request));

        TestTime.await(
                "the launcher to find no location yet",
                Duration.ofSeconds(30),
                () -> recording.events().contains("read:absent"));
        assertThat(launched).isNotDone();
        serviceStore.putSchedulerLocation(TopologyName.of(NAME), new SchedulerLocation("127.0.0.1:7777", List.of()));

        launched.get(TestTime.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);

        List<String> events = recording.events();
        assertThat(events).as("watch first, then reads").startsWith("watch", "read:absent");
        assertThat(events).last().isEqualTo("read:present");
        assertThat(readsWithoutAWakeUp(events))
                .as("reads not caused by the watch: %s", events)
                .isZero();
        assertThat(recording.openWatches()).as("watches left open").isZero();
    }

    @Test
    void aServiceThatExitsWakesTheLauncherWithoutWaitingForTheTimeout() throws Exception {
        RecordingStore recording = new RecordingStore(launcherStore, true);
        LaunchRequest request = request();
        LauncherPort launcher = launcher(List.of("sh", "-c", "echo cannot start >&2; exit 3", "service"), recording);

        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> launcher.launch(request));
        ExecutionException failed = catchThrowableOfType(
                () -> launched.get(TestTime.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS),
                ExecutionException.class);

        assertThat(failed.getCause())
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("exited with status 3 before it recorded its location")
                .hasMessageContaining("cannot start");
        assertThat(recording.openWatches()).isZero();
    }

    @Test
    void aStoreThatCannotWatchIsPolled() throws Exception {
        RecordingStore recording = new RecordingStore(launcherStore, false);
        LaunchRequest request = request();
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() ->
                launcher(List.of("sh", "-c", "sleep 600", "service"), recording).launch(request));
        TestTime.await(
                "the launcher to find no location yet",
                Duration.ofSeconds(30),
                () -> recording.events().contains("read:absent"));

        serviceStore.putSchedulerLocation(TopologyName.of(NAME), new SchedulerLocation("127.0.0.1:7777", List.of()));

        launched.get(TestTime.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(recording.events()).doesNotContain("watch").last().isEqualTo("read:present");
    }

    /** Reads after the first with no wake-up of the watch since the read before. */
    private static int readsWithoutAWakeUp(List<String> events) {
        int unexplained = 0;
        boolean firstRead = true;
        boolean wokenUp = false;
        for (String event : events) {
            if (event.equals("notified")) {
                wokenUp = true;
            } else if (event.startsWith("read:")) {
                if (!firstRead && !wokenUp) {
                    unexplained++;
                }
                firstRead = false;
                wokenUp = false;
            }
        }
        return unexplained;
    }

    /** The local cluster's launcher, as the wiring makes it, with the given service command and store. */
    private LauncherPort launcher(List<String> serviceCommand, StateStorePort store) {
        Path home = directory.resolve("home");
        return new LocalAdapterModule(LocalAdapterConfig.defaults(home, "local").withScheduler(config(serviceCommand)))
                .launcher(store);
    }

    private LocalAdapterConfig.SchedulerConfig config(List<String> serviceCommand) {
        LocalAdapterConfig.SchedulerConfig defaults = LocalAdapterConfig.SchedulerConfig.defaults(
                        directory.resolve("home"), "local")
                .withServiceCommand(serviceCommand)
                .withCore(Optional.empty(), Optional.of(directory.resolve("heron-core")));
        return new LocalAdapterConfig.SchedulerConfig(
                defaults.workingDirectory(),
                defaults.coreUri(),
                defaults.coreDirectory(),
                defaults.serviceCommand(),
                defaults.executorCommand(),
                defaults.maxExecutorRestarts(),
                defaults.executorRestartBackoff(),
                defaults.maxExecutorRestartBackoff(),
                Duration.ofMillis(200),
                defaults.serviceHost(),
                START_TIMEOUT,
                defaults.connectTimeout(),
                defaults.requestTimeout());
    }

    /** The topology's records in ZooKeeper and a topology package on disk, as a submit leaves them for the launch. */
    private LaunchRequest request() throws IOException, InterruptedException {
        TopologyDefinition topology = definition(NAME);
        PackingPlan packing = plan();
        ExecutionState state = submitting(NAME, NAME + "-1");
        launcherStore.create(topology, packing, state);
        Files.createDirectories(directory.resolve("heron-core"));
        Path content = Files.createDirectories(directory.resolve("package"));
        Files.writeString(content.resolve(NAME + ".defn.json"), "{}");
        Path archive = directory.resolve("topology.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", content.toString(), ".")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();
        return new LaunchRequest(topology, packing, state, new UploadedPackage(archive.toUri(), sha256(archive), true));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The launcher's store, recording in order its watches, the wake-ups they deliver and what each read of the
     * topology found; {@code canWatch = false} stands for a store without watches.
     */
    private static final class RecordingStore implements StateStorePort {
        private final StateStorePort delegate;
        private final boolean canWatch;
        private final List<String> events = new ArrayList<>();
        private final AtomicInteger openWatches = new AtomicInteger();

        RecordingStore(StateStorePort delegate, boolean canWatch) {
            this.delegate = delegate;
            this.canWatch = canWatch;
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        int openWatches() {
            return openWatches.get();
        }

        private synchronized void record(String event) {
            events.add(event);
        }

        @Override
        public Optional<StoredTopology> read(TopologyName name) {
            Optional<StoredTopology> found = delegate.read(name);
            record(found.flatMap(StoredTopology::scheduler).isPresent() ? "read:present" : "read:absent");
            return found;
        }

        @Override
        public Watch watch(TopologyName name, StateNode node, Runnable listener) {
            if (!canWatch) {
                throw new UnsupportedOperationException("this store cannot watch");
            }
            assertThat(node).isEqualTo(StateNode.SCHEDULER);
            record("watch");
            Watch watch = delegate.watch(name, node, () -> {
                record("notified");
                listener.run();
            });
            openWatches.incrementAndGet();
            return () -> {
                watch.close();
                openWatches.decrementAndGet();
            };
        }

        @Override
        public void create(TopologyDefinition definition, PackingPlan packingPlan, ExecutionState executionState) {
            delegate.create(definition, packingPlan, executionState);
        }

        @Override
        public List<TopologyName> list() {
            return delegate.list();
        }

        @Override
        public void replaceExecutionState(ExecutionState expected, ExecutionState replacement) {
            delegate.replaceExecutionState(expected, replacement);
        }

        @Override
        public void replacePlan(
                TopologyDefinition expectedDefinition,
                PackingPlan expectedPlan,
                TopologyDefinition definition,
                PackingPlan packingPlan) {
            delegate.replacePlan(expectedDefinition, expectedPlan, definition, packingPlan);
        }

        @Override
        public void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
            delegate.putSchedulerLocation(name, location);
        }

        @Override
        public void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
            delegate.putTopologyMasterLocation(name, location);
        }

        @Override
        public void deleteTopologyMasterLocation(TopologyName name) {
            delegate.deleteTopologyMasterLocation(name);
        }

        @Override
        public void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
            delegate.putPhysicalPlan(name, plan);
        }

        @Override
        public void deleteAll(TopologyName name) {
            delegate.deleteAll(name);
        }

        @Override
        public Lock lock(TopologyName name, Duration timeout) {
            return delegate.lock(name, timeout);
        }

        @Override
        public void close() {
            // The test closes the real store.
        }
    }
}
