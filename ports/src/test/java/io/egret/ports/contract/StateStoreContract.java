package io.egret.ports.contract;

import static io.egret.ports.contract.StateStoreRecords.definition;
import static io.egret.ports.contract.StateStoreRecords.physicalPlan;
import static io.egret.ports.contract.StateStoreRecords.plan;
import static io.egret.ports.contract.StateStoreRecords.submitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateStorePort} promises, run against each implementation by a subclass that says how to open
 * a store. Each {@link #openStore} call must return an independent client of the same state, as another process
 * would see it: the tests use several to check atomicity, compare-and-set and locks between clients.
 */
public abstract class StateStoreContract {
    protected static final TopologyName NAME = TopologyName.of("wordcount");
    protected static final String ID = "wordcount-1";

    private final List<StateStorePort> opened = new ArrayList<>();
    protected StateStorePort store;

    /** A new, independent client of the state this test uses. */
    protected abstract StateStorePort openStore();

    @BeforeEach
    void openFirstStore() {
        store = open();
    }

    @AfterEach
    void closeStores() {
        for (StateStorePort each : opened) {
            each.close();
        }
        opened.clear();
    }

    protected final StateStorePort open() {
        StateStorePort opening = openStore();
        opened.add(opening);
        return opening;
    }

    @Test
    void readReturnsWhatCreateWroteAndOtherClientsSeeIt() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));

        for (StateStorePort client : List.of(store, open())) {
            StoredTopology stored = client.read(NAME).orElseThrow();
            assertThat(stored.isComplete()).isTrue();
            assertThat(stored.definition()).contains(definition("wordcount"));
            assertThat(stored.packingPlan()).contains(plan());
            assertThat(stored.executionState()).contains(submitting("wordcount", ID));
            assertThat(stored.scheduler()).isEmpty();
            assertThat(stored.topologyMaster()).isEmpty();
            assertThat(stored.physicalPlan()).isEmpty();
        }
    }

    @Test
    void readAndListOfNothingAreEmpty() {
        assertThat(store.read(TopologyName.of("nothing"))).isEmpty();
        assertThat(store.list()).isEmpty();
        store.deleteAll(TopologyName.of("nothing"));
        assertThat(store.list()).isEmpty();
    }

    @Test
    void secondCreateIsAOneLineConflictThatSaysWhatExists() {
        store.create(definition("wordcount"), plan(), submitting("wordcount", ID));
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1", List.of()));

        assertThatThrownBy(() -> open().create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-2")))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("topology 'wordcount' already exists")
                .hasMessageContaining("topologies")
                .hasMessageContaining("schedulers")
                .hasMessageContaining("wordcount-1")
                .hasMessageContaining("SUBMITTING")
                .hasMessageContaining("heron kill local/alice/default wordcount")
                .hasMessageNotContaining("\n");
        assertThat(store.read(NAME).orElseThrow().executionState().orElseThrow().id())
                .isEqualTo(TopologyId.of(ID));
    }

    @Test
    void listReturnsSortedNames() {
        store.create(definition("zeta"), plan(), submitting("zeta", "zeta-1"));
        store.create(definition("alpha"), plan(), submitting("alpha", "alpha-1"));
        store.create(definition("mid"), plan(), submitting("mid", "mid-1"));

        assertThat(open().list())
                .containsExactly(TopologyName.of("alpha"), TopologyName.of("mid"), TopologyName.of("zeta"));
    }

    @Test
    void deleteAllRemovesEveryRecordAtOnceAndIsIdempotent() {
        ExecutionState state = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), state);
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1234", List.of()));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
        store.putPhysicalPlan(NAME, physicalPlan(state.id()));

        store.deleteAll(NAME);
        open().deleteAll(NAME);

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

        assertThat(open().read(NAME).orElseThrow().executionState()).contains(running);
        assertThatThrownBy(() -> open().replaceExecutionState(submitted, Lifecycle.launched(submitted, true)))
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
        open().deleteAll(NAME);

        assertThatThrownBy(() -> store.replaceExecutionState(submitted, Lifecycle.launched(submitted, false)))
                .isInstanceOf(EgretException.class)
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

        StoredTopology stored = open().read(NAME).orElseThrow();
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
    void locationsAreReplacedAndTheMasterLocationCanBeDeleted() {
        ExecutionState state = submitting("wordcount", ID);
        store.create(definition("wordcount"), plan(), state);

        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1", List.of()));
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:2", List.of("http://ui")));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
        open().putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 3, 4));
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
    void clientsRacingToCreateOneTopologyHaveExactlyOneWinner() throws Exception {
        int racers = 10;
        List<StateStorePort> clients = new ArrayList<>();
        for (int index = 0; index < racers; index++) {
            clients.add(open());
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int index = 0; index < racers; index++) {
                StateStorePort client = clients.get(index);
                String id = "wordcount-" + (index + 1);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        client.create(definition("wordcount"), plan(), submitting("wordcount", id));
                        return "won " + id;
                    } catch (EgretException e) {
                        return e.code() + (e.getMessage().contains("already exists") ? " exists" : " " + e);
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(
                        outcome.get(TestDeadlines.scaled(Duration.ofSeconds(60)).toMillis(), TimeUnit.MILLISECONDS));
            }

            assertThat(results).filteredOn(result -> result.startsWith("won")).hasSize(1);
            assertThat(results)
                    .filteredOn(result -> result.equals("CONFLICT exists"))
                    .as("%s", results)
                    .hasSize(racers - 1);
            String winner = results.stream()
                    .filter(result -> result.startsWith("won"))
                    .findFirst()
                    .orElseThrow()
                    .substring("won ".length());
            assertThat(store.read(NAME)
                            .orElseThrow()
                            .executionState()
                            .orElseThrow()
                            .id())
                    .isEqualTo(TopologyId.of(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theUpdateLockExcludesOtherClientsUntilClosed() {
        StateStorePort other = open();
        StateStorePort.Lock held = store.lock(NAME, TestDeadlines.scaled(Duration.ofSeconds(5)));

        assertThatThrownBy(() -> other.lock(NAME, Duration.ofMillis(300)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("update lock of topology 'wordcount'")
                .hasMessageContaining("wordcount__updateTopology")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);

        held.close();
        held.close();
        try (StateStorePort.Lock again = other.lock(NAME, TestDeadlines.scaled(Duration.ofSeconds(5)))) {
            assertThat(again).isNotNull();
        }
        try (StateStorePort.Lock another = store.lock(TopologyName.of("other"), Duration.ofMillis(300))) {
            assertThat(another).isNotNull();
        }
    }

    @Test
    void watchFiresOnCreateReplaceAndDeleteByAnyClientUntilClosed() {
        AtomicInteger notifications = new AtomicInteger();
        ConcurrentLinkedQueue<Optional<ExecutionState>> seen = new ConcurrentLinkedQueue<>();
        StateStorePort.Watch watch = store.watch(NAME, StateNode.EXECUTION_STATE, () -> {
            // Recorded before counting: the test reads what was seen as soon as the count is reached.
            seen.add(store.read(NAME).flatMap(StoredTopology::executionState));
            notifications.incrementAndGet();
        });
        StateStorePort writer = open();
        ExecutionState submitted = submitting("wordcount", ID);

        writer.create(definition("wordcount"), plan(), submitted);
        awaitCount(notifications, 1);
        ExecutionState running = Lifecycle.launched(submitted, false);
        writer.replaceExecutionState(submitted, running);
        awaitCount(notifications, 2);
        writer.deleteAll(NAME);
        awaitCount(notifications, 3);

        assertThat(seen).containsExactly(Optional.of(submitted), Optional.of(running), Optional.empty());
        watch.close();
        writer.create(definition("wordcount"), plan(), submitted);
        // A watch opened afterwards sees the next change; by then the closed one would have seen both.
        AtomicInteger later = new AtomicInteger();
        try (StateStorePort.Watch sentinel = store.watch(NAME, StateNode.EXECUTION_STATE, later::incrementAndGet)) {
            writer.replaceExecutionState(submitted, running);
            awaitCount(later, 1);
            assertThat(sentinel).isNotNull();
        }
        assertThat(notifications).hasValue(3);
    }

    @Test
    void watchIgnoresOtherRecordsAndOtherTopologies() {
        AtomicInteger notifications = new AtomicInteger();
        AtomicInteger sentinel = new AtomicInteger();
        try (StateStorePort.Watch watch = store.watch(NAME, StateNode.TOPOLOGY_MASTER, notifications::incrementAndGet);
                StateStorePort.Watch other =
                        store.watch(TopologyName.of("other"), StateNode.EXECUTION_STATE, sentinel::incrementAndGet)) {
            ExecutionState state = submitting("wordcount", ID);
            store.create(definition("wordcount"), plan(), state);
            store.create(definition("other"), plan(), submitting("other", "other-1"));
            awaitCount(sentinel, 1);
            assertThat(notifications).hasValue(0);

            store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
            awaitCount(notifications, 1);
            assertThat(watch).isNotNull();
            assertThat(other).isNotNull();
        }
    }

    protected static void awaitCount(AtomicInteger count, int expected) {
        TestDeadlines.await(Duration.ofSeconds(10), () -> count.get() >= expected);
        assertThat(count).hasValue(expected);
    }
}
