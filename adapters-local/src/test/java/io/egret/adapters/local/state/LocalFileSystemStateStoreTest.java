package io.egret.adapters.local.state;

import static io.egret.adapters.local.testing.TestingTopologies.definition;
import static io.egret.adapters.local.testing.TestingTopologies.plan;
import static io.egret.adapters.local.testing.TestingTopologies.submitting;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.local.testing.TestingJvm;
import io.egret.codec.Envelope;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LocalFileSystemStateStoreTest {
    private static final TopologyName NAME = TopologyName.of("wordcount");
    private static final String ID = "wordcount-1";

    @TempDir
    Path root;

    private LocalFileSystemStateStore store;

    @BeforeEach
    void openStore() {
        store = new LocalFileSystemStateStore(root, true, Duration.ofSeconds(10), Duration.ofMillis(50));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void initializesHeronsDirectoryTree() {
        assertThat(root.resolve("topologies")).isDirectory();
        assertThat(root.resolve("packingplans")).isDirectory();
        assertThat(root.resolve("executionstate")).isDirectory();
        assertThat(root.resolve("pplans")).isDirectory();
        assertThat(root.resolve("tmanagers")).isDirectory();
        assertThat(root.resolve("schedulers")).isDirectory();
        assertThat(root.resolve("locks")).isDirectory();
    }

    @Test
    void withoutTreeInitializationAMissingRootIsReportedWithHeronsKeys() {
        Path missing = root.resolve("absent");
        try (LocalFileSystemStateStore uninitialized = new LocalFileSystemStateStore(missing, false)) {
            assertThat(missing).doesNotExist();
            assertThatThrownBy(() -> uninitialized.create(definition("wordcount"), plan(), submitting("wordcount", ID)))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining(missing.toString())
                    .hasMessageContaining("heron.statemgr.localfs.is.initialize.file.tree")
                    .extracting(e -> ((EgretException) e).code())
                    .isEqualTo(ErrorCode.UNREACHABLE);
            assertThat(uninitialized.read(NAME)).isEmpty();
            assertThat(uninitialized.list()).isEmpty();
            uninitialized.deleteAll(NAME);
            assertThat(missing).doesNotExist();
        }
    }

    @Test
    void createWritesOneEnvelopePerRecordUnderHeronsNames() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        for (String directory : List.of("topologies", "packingplans", "executionstate")) {
            Path file = root.resolve(directory).resolve("wordcount");
            Envelope envelope = Envelope.read(Files.readAllBytes(file), file.toString());
            assertThat(envelope.topologyId()).isEqualTo(TopologyId.of(ID));
            assertThat(envelope.schemaVersion()).isEqualTo(Envelope.CURRENT_SCHEMA_VERSION);
        }
        assertThat(root.resolve("pplans").resolve("wordcount")).doesNotExist();
        assertThat(root.resolve("locks").resolve("wordcount.journal")).doesNotExist();
    }

    @Test
    void readReturnsWhatCreateWrote() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        StoredTopology stored = store.read(NAME).orElseThrow();

        assertThat(stored.isComplete()).isTrue();
        assertThat(stored.definition()).contains(definition("wordcount"));
        assertThat(stored.packingPlan()).contains(plan());
        assertThat(stored.executionState()).contains(submitting("wordcount", ID));
        assertThat(stored.scheduler()).isEmpty();
        assertThat(stored.topologyMaster()).isEmpty();
        assertThat(stored.physicalPlan()).isEmpty();
    }

    @Test
    void readOfAnUnknownTopologyIsEmptyAndCreatesNoFiles() throws IOException {
        assertThat(store.read(TopologyName.of("nothing"))).isEmpty();

        try (Stream<Path> locks = Files.list(root.resolve("locks"))) {
            assertThat(locks).isEmpty();
        }
    }

    @Test
    void secondCreateIsAConflictThatSaysWhatExists() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        assertThatThrownBy(() -> store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-2")))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("topology 'wordcount' already exists")
                .hasMessageContaining("topologies, packingplans, executionstate")
                .hasMessageContaining("topology id wordcount-1")
                .hasMessageContaining("state SUBMITTING")
                .hasMessageContaining("heron kill local/alice/default wordcount")
                .hasMessageNotContaining("\n");
        assertThat(store.read(NAME).orElseThrow().executionState().orElseThrow().id())
                .isEqualTo(TopologyId.of(ID));
    }

    @Test
    void createOverPartialLeftoversIsAConflictToo() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        Files.delete(root.resolve("topologies").resolve("wordcount"));
        Files.delete(root.resolve("executionstate").resolve("wordcount"));

        StoredTopology partial = store.read(NAME).orElseThrow();
        assertThat(partial.isComplete()).isFalse();
        assertThat(partial.packingPlan()).contains(plan());
        assertThatThrownBy(() -> store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-2")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("records packingplans")
                .hasMessageContaining("heron kill CLUSTER wordcount");
    }

    @Test
    void listReturnsSortedNamesWithAnyRecord() throws IOException {
        store.create(definition("zeta"), plan(), submitting("zeta", "zeta-1"));
        store.create(definition("alpha"), plan(), submitting("alpha", "alpha-1"));
        store.create(definition("mid"), plan(), submitting("mid", "mid-1"));
        Files.delete(root.resolve("topologies").resolve("mid"));

        assertThat(store.list())
                .containsExactly(TopologyName.of("alpha"), TopologyName.of("mid"), TopologyName.of("zeta"));
    }

    @Test
    void truncatedOrGarbageRecordsAreReportedAsDamagedAndReadAsMissing() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        Path executionState = root.resolve("executionstate").resolve("wordcount");
        byte[] bytes = Files.readAllBytes(executionState);
        Files.write(executionState, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(root.resolve("topologies").resolve("wordcount"), "\u0000garbage{", UTF_8);

        StoredTopology stored = store.read(NAME).orElseThrow();

        assertThat(stored.isComplete()).isFalse();
        assertThat(stored.executionState()).isEmpty();
        assertThat(stored.definition()).isEmpty();
        assertThat(stored.packingPlan()).contains(plan());
        assertThat(stored.damaged()).containsOnlyKeys(StateNode.EXECUTION_STATE, StateNode.TOPOLOGY);
        assertThat(stored.damaged().get(StateNode.EXECUTION_STATE)).contains(executionState.toString());
        assertThat(store.list()).containsExactly(NAME);
    }

    @Test
    void deleteAllRemovesDamagedRecordsToo() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        Files.writeString(root.resolve("executionstate").resolve("wordcount"), "not json", UTF_8);

        store.deleteAll(NAME);

        assertThat(store.read(NAME)).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void deleteAllLeavesNoFileOfTheTopologyBehindLocksIncluded() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        store.lock(NAME, Duration.ofSeconds(1)).close();

        store.deleteAll(NAME);

        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
        assertThat(store.leftovers()).isEmpty();
    }

    @Test
    void locksAndTemporaryFilesWithoutRecordsAreLeftoversThatDeleteAllRemoves() throws IOException {
        Files.writeString(root.resolve("locks").resolve("crashed.mutex"), "");
        Files.writeString(root.resolve("executionstate").resolve(".halfway#1234.tmp"), "{");
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        assertThat(store.leftovers()).containsExactly(TopologyName.of("crashed"), TopologyName.of("halfway"));
        assertThat(store.list()).containsExactly(NAME);

        store.deleteAll(TopologyName.of("crashed"));
        store.deleteAll(TopologyName.of("halfway"));

        assertThat(store.leftovers()).isEmpty();
        assertThat(root.resolve("executionstate").resolve(".halfway#1234.tmp")).doesNotExist();
        assertThat(store.read(NAME)).isPresent();
    }

    @Test
    void anUpdateLockThatIsHeldSurvivesDeleteAllAndStillExcludes() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        try (StateStorePort.Lock held = store.lock(NAME, Duration.ofSeconds(1))) {
            store.deleteAll(NAME);

            assertThatThrownBy(() -> store.lock(NAME, Duration.ofMillis(50)))
                    .isInstanceOf(EgretException.class)
                    .extracting(error -> ((EgretException) error).code())
                    .isEqualTo(ErrorCode.CONFLICT);
        }
        store.lock(NAME, Duration.ofSeconds(1)).close();
    }

    @Test
    void writersRacingWithDeleteAllNeverLoseMutualExclusion() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger created = new AtomicInteger();
            for (int thread = 0; thread < 4; thread++) {
                futures.add(threads.submit(() -> {
                    for (int round = 0; round < 25; round++) {
                        try {
                            store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
                            created.incrementAndGet();
                        } catch (EgretException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                        }
                        store.deleteAll(NAME);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            assertThat(created.get()).isPositive();
        } finally {
            threads.shutdownNow();
        }
        assertThat(store.read(NAME)).isEmpty();
        assertThat(store.leftovers()).isEmpty();
    }

    @Test
    void deleteAllRemovesEveryRecordAndIsIdempotent() {
        ExecutionState state = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), state);
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1234", List.of()));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
        store.putPhysicalPlan(NAME, physicalPlan(state.id()));

        store.deleteAll(NAME);
        store.deleteAll(NAME);

        assertThat(store.read(NAME)).isEmpty();
        assertThat(store.list()).isEmpty();
        store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-2"));
        assertThat(store.read(NAME).orElseThrow().executionState().orElseThrow().id())
                .isEqualTo(TopologyId.of("wordcount-2"));
    }

    @Test
    void replaceExecutionStateComparesAndSets() {
        ExecutionState submitted = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), submitted);
        ExecutionState running = Lifecycle.launched(submitted, false);

        store.replaceExecutionState(submitted, running);

        assertThat(store.read(NAME).orElseThrow().executionState()).contains(running);
        assertThatThrownBy(() -> store.replaceExecutionState(submitted, Lifecycle.launched(submitted, true)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("changed meanwhile")
                .hasMessageContaining("now RUNNING")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(store.read(NAME).orElseThrow().executionState().orElseThrow().state())
                .isEqualTo(TopologyState.RUNNING);
    }

    @Test
    void replaceExecutionStateOfAKilledTopologyIsAConflict() {
        ExecutionState submitted = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), submitted);
        store.deleteAll(NAME);

        assertThatThrownBy(() -> store.replaceExecutionState(submitted, Lifecycle.launched(submitted, false)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("has none any more")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(store.read(NAME)).isEmpty();
    }

    @Test
    void replacePlanComparesBothAndWritesBoth() {
        TopologyDefinition original = definition("wordcount");
        store.create(original, plan(), submitting("wordcount", ID));
        TopologyDefinition scaled = original.withParallelism(Map.of("split", 3));
        PackingPlan newPlan = new PackingPlan("RoundRobin", List.of());

        store.replacePlan(original, plan(), scaled, newPlan);

        StoredTopology stored = store.read(NAME).orElseThrow();
        assertThat(stored.definition()).contains(scaled);
        assertThat(stored.packingPlan()).contains(newPlan);
        assertThatThrownBy(() -> store.replacePlan(original, plan(), scaled, plan()))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("changed meanwhile")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThatThrownBy(() -> store.replacePlan(scaled, plan(), original, plan()))
                .isInstanceOf(EgretException.class)
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(store.read(NAME).orElseThrow().packingPlan()).contains(newPlan);
    }

    @Test
    void locationsAreOverwrittenAndTheMasterLocationCanBeDeleted() {
        ExecutionState state = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), state);

        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1", List.of()));
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:2", List.of("http://ui")));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 3, 4));
        store.putPhysicalPlan(NAME, physicalPlan(state.id()));

        StoredTopology stored = store.read(NAME).orElseThrow();
        assertThat(stored.scheduler()).contains(new SchedulerLocation("localhost:2", List.of("http://ui")));
        assertThat(stored.topologyMaster()).contains(new TopologyMasterLocation(state.id(), "localhost", 3, 4));
        assertThat(stored.physicalPlan()).contains(physicalPlan(state.id()));

        store.deleteTopologyMasterLocation(NAME);
        store.deleteTopologyMasterLocation(NAME);

        assertThat(store.read(NAME).orElseThrow().topologyMaster()).isEmpty();
    }

    @Test
    void anEarlierIncarnationCannotPublishItsLocationOrPlan() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        TopologyId stale = TopologyId.of("wordcount-0");

        assertThatThrownBy(() ->
                        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(stale, "localhost", 1, 2)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("wordcount-0")
                .hasMessageContaining("current incarnation is wordcount-1")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThatThrownBy(() -> store.putPhysicalPlan(NAME, physicalPlan(stale)))
                .isInstanceOf(EgretException.class)
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(store.read(NAME).orElseThrow().topologyMaster()).isEmpty();
    }

    @Test
    void locationsOfAKilledTopologyAreNotRecreated() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        store.deleteAll(NAME);

        assertThatThrownBy(() -> store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1", List.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("no execution state")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void leftoversOfAChangeThatNeverCommittedAreInvisibleAndCleanedUp() throws IOException {
        // A writer died after writing its temporary files but before renaming the journal into place.
        Path orphan = root.resolve("topologies").resolve(".wordcount#dead.tmp");
        Files.write(orphan, Envelope.wrap("topology", TopologyId.of(ID), definition("wordcount")));
        Path orphanJournal = root.resolve("locks").resolve(".wordcount#dead.tmp");
        Files.writeString(orphanJournal, "write topologies .wordcount#dead.tmp");

        assertThat(store.list()).isEmpty();
        assertThat(store.read(NAME)).isEmpty();

        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        assertThat(orphan).doesNotExist();
        assertThat(orphanJournal).doesNotExist();
        assertThat(store.read(NAME).orElseThrow().isComplete()).isTrue();
    }

    @Test
    void aChangeThatCommittedBeforeTheWriterDiedIsCompletedByTheNextReader() throws IOException {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        // A deleteAll died after its commit point, having deleted only the topology record.
        Files.delete(root.resolve("topologies").resolve("wordcount"));
        Files.writeString(
                root.resolve("locks").resolve("wordcount.journal"),
                "delete packingplans\ndelete executionstate\ndelete pplans\ndelete tmanagers\ndelete schedulers\n"
                        + "delete topologies");

        assertThat(store.read(NAME)).isEmpty();
        assertThat(root.resolve("packingplans").resolve("wordcount")).doesNotExist();
        assertThat(root.resolve("locks").resolve("wordcount.journal")).doesNotExist();
    }

    @Test
    void aCommittedCreateWhoseRenamesWereInterruptedIsCompleted() throws IOException {
        // A create died after its commit point, having moved only the packing plan into place.
        TopologyId id = TopologyId.of(ID);
        Files.write(root.resolve("packingplans").resolve("wordcount"), Envelope.wrap("packingplan", id, plan()));
        Files.write(
                root.resolve("executionstate").resolve(".wordcount#tx.tmp"),
                Envelope.wrap("executionstate", id, submitting("wordcount", ID)));
        Files.write(
                root.resolve("topologies").resolve(".wordcount#tx.tmp"),
                Envelope.wrap("topology", id, definition("wordcount")));
        Files.writeString(
                root.resolve("locks").resolve("wordcount.journal"),
                "write packingplans .wordcount#tx.tmp\nwrite executionstate .wordcount#tx.tmp\n"
                        + "write topologies .wordcount#tx.tmp");
        Files.createFile(root.resolve("locks").resolve("wordcount.mutex"));

        StoredTopology stored = store.read(NAME).orElseThrow();

        assertThat(stored.isComplete()).isTrue();
        assertThat(stored.definition()).contains(definition("wordcount"));
        assertThat(root.resolve("topologies").resolve(".wordcount#tx.tmp")).doesNotExist();
    }

    @Test
    void manyThreadsRacingToCreateOneTopologyHaveExactlyOneWinner() throws Exception {
        int racers = 16;
        ExecutorService executor = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        // Half the racers use their own store instance, as separate components in one JVM would.
        List<LocalFileSystemStateStore> extraStores = new ArrayList<>();
        try {
            for (int racer = 0; racer < racers; racer++) {
                StateStorePort racerStore = store;
                if (racer % 2 == 1) {
                    LocalFileSystemStateStore own = new LocalFileSystemStateStore(root, true);
                    extraStores.add(own);
                    racerStore = own;
                }
                String id = "wordcount-" + racer;
                StateStorePort chosen = racerStore;
                results.add(executor.submit(() -> {
                    start.await();
                    try {
                        chosen.create(definition("wordcount"), plan(), submitting("wordcount", id));
                        return "WON " + id;
                    } catch (EgretException e) {
                        return e.code().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get(30, TimeUnit.SECONDS));
            }

            List<String> winners = outcomes.stream()
                    .filter(outcome -> outcome.startsWith("WON"))
                    .toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes)
                    .filteredOn(outcome -> !outcome.startsWith("WON"))
                    .containsOnly("CONFLICT");
            String winningId = winners.get(0).substring("WON ".length());
            StoredTopology stored = store.read(NAME).orElseThrow();
            assertThat(stored.isComplete()).isTrue();
            assertThat(stored.executionState().orElseThrow().id()).isEqualTo(TopologyId.of(winningId));
        } finally {
            executor.shutdownNow();
            extraStores.forEach(LocalFileSystemStateStore::close);
        }
    }

    @Test
    void separateProcessesRacingToCreateTheSameTopologiesHaveExactlyOneWinnerEach() throws Exception {
        int racers = 4;
        int topologies = 20;
        Path go = root.resolve("go");
        List<Process> processes = new ArrayList<>();
        try {
            for (int racer = 0; racer < racers; racer++) {
                processes.add(new ProcessBuilder(TestingJvm.command(
                                StateStoreChildMain.class,
                                "create",
                                root.toString(),
                                "race",
                                Integer.toString(topologies),
                                "p" + racer,
                                go.toString()))
                        .redirectErrorStream(true)
                        .start());
            }
            // Give every child time to start its JVM and spin on the go file, so that they really race.
            Thread.sleep(2500);
            Files.createFile(go);
            List<String> lines = new ArrayList<>();
            for (Process process : processes) {
                String output = new String(process.getInputStream().readAllBytes(), UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                lines.addAll(output.lines().toList());
            }

            assertThat(lines).hasSize(racers * topologies);
            for (int index = 0; index < topologies; index++) {
                String topology = "race-" + index;
                assertThat(lines)
                        .filteredOn(line -> line.equals("WON " + topology))
                        .hasSize(1);
                assertThat(lines)
                        .filteredOn(line -> line.startsWith("CONFLICT " + topology + " "))
                        .hasSize(racers - 1)
                        .allSatisfy(line -> assertThat(line).contains("topology '" + topology + "' already exists"));
                StoredTopology stored = store.read(TopologyName.of(topology)).orElseThrow();
                assertThat(stored.isComplete()).isTrue();
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void theUpdateLockIsExclusiveWithinAProcessAndReleasedByClose() {
        StateStorePort.Lock held = store.lock(NAME, Duration.ofSeconds(1));

        assertThatThrownBy(() -> store.lock(NAME, Duration.ofMillis(200)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("update lock of topology 'wordcount'")
                .hasMessageContaining("wordcount__updateTopology")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);

        held.close();
        held.close();
        try (StateStorePort.Lock again = store.lock(NAME, Duration.ofMillis(200))) {
            assertThat(again).isNotNull();
        }
        try (StateStorePort.Lock other = store.lock(TopologyName.of("other"), Duration.ofMillis(200))) {
            assertThat(other).isNotNull();
        }
    }

    @Test
    void theUpdateLockOfAnotherProcessTimesOutNamingItsOwnerAndIsFreedWhenThatProcessDies() throws Exception {
        Process holder = new ProcessBuilder(
                        TestingJvm.command(StateStoreChildMain.class, "lock", root.toString(), "wordcount"))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8));
            assertThat(output.readLine()).startsWith("LOCKED");

            assertThatThrownBy(() -> store.lock(NAME, Duration.ofMillis(300)))
                    .isInstanceOf(EgretException.class)
                    .hasMessageContaining("is held by pid " + holder.pid())
                    .extracting(e -> ((EgretException) e).code())
                    .isEqualTo(ErrorCode.CONFLICT);

            // SIGKILL: the holder cannot clean up; the OS must release its lock.
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (StateStorePort.Lock taken = store.lock(NAME, Duration.ofSeconds(5))) {
                assertThat(Files.readString(root.resolve("locks").resolve("wordcount__updateTopology")))
                        .startsWith("pid " + ProcessHandle.current().pid());
                assertThat(taken).isNotNull();
            }
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void watchFiresOnCreateReplaceAndDeleteUntilClosed() throws Exception {
        AtomicInteger notifications = new AtomicInteger();
        ConcurrentLinkedQueue<Optional<ExecutionState>> seen = new ConcurrentLinkedQueue<>();
        StateStorePort.Watch watch = store.watch(NAME, StateNode.EXECUTION_STATE, () -> {
            // Recorded before counting: the test reads what was seen as soon as the count is reached.
            seen.add(store.read(NAME).flatMap(StoredTopology::executionState));
            notifications.incrementAndGet();
        });
        ExecutionState submitted = submitting("wordcount", ID);

        store.create(definition("wordcount"), plan(), submitted);
        awaitNotifications(notifications, 1);
        ExecutionState running = Lifecycle.launched(submitted, false);
        store.replaceExecutionState(submitted, running);
        awaitNotifications(notifications, 2);
        store.deleteAll(NAME);
        awaitNotifications(notifications, 3);

        assertThat(seen).containsExactly(Optional.of(submitted), Optional.of(running), Optional.empty());
        watch.close();
        store.create(definition("wordcount"), plan(), submitted);
        Thread.sleep(300);
        assertThat(notifications).hasValue(3);
    }

    @Test
    void watchIgnoresOtherRecordsAndOtherTopologies() throws Exception {
        AtomicInteger notifications = new AtomicInteger();
        try (StateStorePort.Watch watch =
                store.watch(NAME, StateNode.TOPOLOGY_MASTER, notifications::incrementAndGet)) {
            ExecutionState state = submitting("wordcount", ID);
            store.create(definition("wordcount"), plan(), state);
            store.create(definition("other"), plan(), submitting("other", "other-1"));
            Thread.sleep(300);
            assertThat(notifications).hasValue(0);

            store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
            awaitNotifications(notifications, 1);
            assertThat(watch).isNotNull();
        }
    }

    private static void awaitNotifications(AtomicInteger notifications, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (notifications.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(notifications).hasValue(expected);
    }

    private static PhysicalPlan physicalPlan(TopologyId id) {
        return new PhysicalPlan(
                id, 1, TopologyState.RUNNING, plan(), List.of(new StreamManagerLocation(1, "localhost", 7000)));
    }
}
