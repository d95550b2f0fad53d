package io.egret.adapters.zookeeper.curator;

import static io.egret.ports.contract.StateStoreRecords.definition;
import static io.egret.ports.contract.StateStoreRecords.physicalPlan;
import static io.egret.ports.contract.StateStoreRecords.plan;
import static io.egret.ports.contract.StateStoreRecords.submitting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.contract.TestDeadlines;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only ZooKeeper can show: the znodes themselves, sessions, ephemeral nodes, a server going away. */
final class CuratorStateStoreTest {
    private static final TopologyName NAME = TopologyName.of("wordcount");
    private static final String ROOT = "/heron";

    private TestingServer server;
    private ZooKeeperInspector zooKeeper;
    private final List<StateStorePort> stores = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new TestingServer(true);
        zooKeeper = new ZooKeeperInspector(server.getConnectString());
    }

    @AfterEach
    void stopServer() throws Exception {
        stores.forEach(StateStorePort::close);
        zooKeeper.close();
        server.close();
    }

    private ZooKeeperStateConfig config() {
        return ZooKeeperStateConfig.defaults(ConnectString.parse(server.getConnectString()), ROOT)
                .withTimeouts(TestDeadlines.scaled(Duration.ofSeconds(10)), TestDeadlines.scaled(Duration.ofSeconds(5)))
                .withRetries(3, Duration.ofMillis(200));
    }

    private CuratorStateStore open(ZooKeeperStateConfig config) {
        CuratorStateStore store = CuratorStateStore.open(config);
        stores.add(store);
        return store;
    }

    @Test
    void recordsLiveUnderHeronsDirectoryNamesAndKillLeavesNoZnodeOfTheTopology() throws Exception {
        CuratorStateStore store = open(config());
        ExecutionState state = submitting("wordcount", "wordcount-1");
        store.create(definition("wordcount"), plan(), state);
        store.putSchedulerLocation(NAME, new SchedulerLocation("localhost:1", List.of()));
        store.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
        store.putPhysicalPlan(NAME, physicalPlan(state.id()));
        store.lock(NAME, Duration.ofSeconds(5)).close();

        assertThat(zooKeeper.nodesNamed(ROOT, "wordcount"))
                .contains(
                        "/heron/topologies/wordcount",
                        "/heron/packingplans/wordcount",
                        "/heron/executionstate/wordcount",
                        "/heron/pplans/wordcount",
                        "/heron/tmanagers/wordcount",
                        "/heron/schedulers/wordcount",
                        "/heron/locks/wordcount__updateTopology");

        store.deleteAll(NAME);

        assertThat(zooKeeper.nodesNamed(ROOT, "wordcount")).isEmpty();
        assertThat(zooKeeper.tree(ROOT))
                .containsExactlyInAnyOrder(
                        "/heron/topologies",
                        "/heron/packingplans",
                        "/heron/executionstate",
                        "/heron/pplans",
                        "/heron/tmanagers",
                        "/heron/schedulers",
                        "/heron/locks");
    }

    @Test
    void aStaleRecordLeftByHandMakesCreateAConflictThatWritesNothing() throws Exception {
        CuratorStateStore store = open(config());
        store.create(definition("other"), plan(), submitting("other", "other-1"));
        zooKeeper.client().create().forPath("/heron/tmanagers/wordcount", new byte[0]);

        assertThatThrownBy(() -> store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-1")))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("already exists")
                .hasMessageContaining("tmanagers");
        assertThat(zooKeeper.nodesNamed(ROOT, "wordcount")).containsExactly("/heron/tmanagers/wordcount");
    }

    @Test
    void aChrootInTheConnectStringHoldsTheWholeTree() throws Exception {
        CuratorStateStore store =
                open(config().withConnectString(ConnectString.parse(server.getConnectString() + "/egret/prod")));
        store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-1"));

        assertThat(zooKeeper.stat("/egret/prod/heron/topologies/wordcount")).isNotNull();
        assertThat(zooKeeper.stat("/heron")).isNull();
    }

    @Test
    void withoutTreeInitializationAMissingTreeIsAClearErrorNamingTheKey() throws Exception {
        CuratorStateStore store = open(config().withInitializeTree(false));

        assertThatThrownBy(() -> store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-1")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("heron.statemgr.zookeeper.is.initialize.tree is false")
                .hasMessageNotContaining("\n");
        assertThat(store.read(NAME)).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(zooKeeper.stat(ROOT)).isNull();
    }

    @Test
    void locationsOfALongLivedProcessAreEphemeralAndGoWithIt() throws Exception {
        CuratorStateStore cli = open(config());
        ExecutionState state = submitting("wordcount", "wordcount-1");
        cli.create(definition("wordcount"), plan(), state);
        CuratorStateStore master = CuratorStateStore.open(config().withLongLived(true));
        try {
            master.putTopologyMasterLocation(NAME, new TopologyMasterLocation(state.id(), "localhost", 1, 2));
            master.putPhysicalPlan(NAME, physicalPlan(state.id()));

            Stat location = zooKeeper.stat("/heron/tmanagers/wordcount");
            assertThat(location.getEphemeralOwner()).isNotZero();
            assertThat(zooKeeper.stat("/heron/pplans/wordcount").getEphemeralOwner())
                    .isZero();
        } finally {
            master.close();
        }

        assertThat(cli.read(NAME).orElseThrow().topologyMaster()).isEmpty();
        assertThat(cli.read(NAME).orElseThrow().physicalPlan()).isPresent();
    }

    @Test
    void afterASessionExpiryLocationsAreRecordedAgainAndWatchesStillFire() throws Exception {
        CuratorStateStore cli = open(config());
        ExecutionState submitted = submitting("wordcount", "wordcount-1");
        cli.create(definition("wordcount"), plan(), submitted);
        CuratorStateStore master = open(config().withLongLived(true));
        master.putTopologyMasterLocation(NAME, new TopologyMasterLocation(submitted.id(), "localhost", 1, 2));
        AtomicInteger changes = new AtomicInteger();
        master.watch(NAME, StateNode.EXECUTION_STATE, changes::incrementAndGet);
        long oldSession = zooKeeper.stat("/heron/tmanagers/wordcount").getEphemeralOwner();

        master.client().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        assertThat(TestDeadlines.await(Duration.ofSeconds(20), () -> {
                    try {
                        Stat stat = zooKeeper.stat("/heron/tmanagers/wordcount");
                        return stat != null && stat.getEphemeralOwner() != oldSession;
                    } catch (Exception e) {
                        return false;
                    }
                }))
                .as("the topology master location is recorded again on the new session")
                .isTrue();
        assertThat(cli.read(NAME).orElseThrow().topologyMaster())
                .contains(new TopologyMasterLocation(submitted.id(), "localhost", 1, 2));
        cli.replaceExecutionState(submitted, Lifecycle.launched(submitted, false));
        assertThat(TestDeadlines.await(Duration.ofSeconds(20), () -> changes.get() >= 1))
                .as("the watch fires after the expiry")
                .isTrue();
    }

    @Test
    void aLocationOfAKilledTopologyIsNotRecordedAgainAfterASessionExpiry() throws Exception {
        CuratorStateStore cli = open(config());
        ExecutionState submitted = submitting("wordcount", "wordcount-1");
        cli.create(definition("wordcount"), plan(), submitted);
        CuratorStateStore master = open(config().withLongLived(true));
        master.putTopologyMasterLocation(NAME, new TopologyMasterLocation(submitted.id(), "localhost", 1, 2));
        AtomicInteger sentinel = new AtomicInteger();
        master.watch(TopologyName.of("sentinel"), StateNode.EXECUTION_STATE, sentinel::incrementAndGet);
        cli.deleteAll(NAME);

        master.client().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        // Once the master's watches work on the new session it has also checked its locations.
        cli.create(definition("sentinel"), plan(), submitting("sentinel", "sentinel-1"));
        assertThat(TestDeadlines.await(Duration.ofSeconds(20), () -> sentinel.get() >= 1))
                .isTrue();

        assertThat(zooKeeper.nodesNamed(ROOT, "wordcount")).isEmpty();
    }

    @Test
    void aWatchSurvivesTheServerRestarting() throws Exception {
        CuratorStateStore store = open(config());
        ExecutionState submitted = submitting("wordcount", "wordcount-1");
        store.create(definition("wordcount"), plan(), submitted);
        AtomicInteger changes = new AtomicInteger();
        store.watch(NAME, StateNode.EXECUTION_STATE, changes::incrementAndGet);

        server.restart();
        CuratorStateStore writer = open(config());
        writer.replaceExecutionState(submitted, Lifecycle.launched(submitted, false));

        assertThat(TestDeadlines.await(Duration.ofSeconds(20), () -> changes.get() >= 1))
                .isTrue();
    }

    @Test
    void anUnreachableServerIsAOneLineErrorWithinTheConnectionTimeoutAndNothingIsWritten() throws Exception {
        CuratorStateStore store =
                open(config().withTimeouts(Duration.ofSeconds(30), TestDeadlines.scaled(Duration.ofSeconds(2)))
                        .withRetries(2, Duration.ofMillis(100)));
        store.create(definition("other"), plan(), submitting("other", "other-1"));
        server.stop();

        long start = System.nanoTime();
        assertThatThrownBy(() -> store.create(definition("wordcount"), plan(), submitting("wordcount", "wordcount-1")))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("ZooKeeper at 127.0.0.1:")
                .hasMessageContaining("heron.statemgr.zookeeper.connection.timeout.ms")
                .hasMessageNotContaining("\n");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // Bounded by the connection timeout plus the retries' pauses, not by Curator's exponential back-off.
        assertThat(took).isLessThan(TestDeadlines.scaled(Duration.ofSeconds(2)).plusSeconds(10));

        server.restart();
        assertThat(open(config()).read(NAME)).isEmpty();
        assertThat(zooKeeper.nodesNamed(ROOT, "wordcount")).isEmpty();
    }
}
