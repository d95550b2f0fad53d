package io.egret.adapters.zookeeper.curator;

import static io.egret.ports.contract.StateStoreRecords.definition;
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
import io.egret.domain.topology.TopologyName;
import io.egret.ports.contract.TestDeadlines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store on a real ensemble of three ZooKeeper servers, with servers killed underneath it. */
final class CuratorStateStoreEnsembleTest {
    private static final String ROOT = "/heron";

    private TestingCluster cluster;
    private final List<CuratorStateStore> stores = new ArrayList<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        cluster = new TestingCluster(3);
        cluster.start();
    }

    @AfterEach
    void stopEnsemble() throws Exception {
        stores.forEach(CuratorStateStore::close);
        cluster.close();
    }

    private CuratorStateStore open(Duration connectionTimeout) {
        ZooKeeperStateConfig config = ZooKeeperStateConfig.defaults(
                        ConnectString.parse(cluster.getConnectString()), ROOT)
                .withTimeouts(TestDeadlines.scaled(Duration.ofSeconds(15)), connectionTimeout)
                .withRetries(5, Duration.ofMillis(500));
        CuratorStateStore store = CuratorStateStore.open(config);
        stores.add(store);
        return store;
    }

    @Test
    void submitsAndKillsAllSucceedWhileOneServerOfThreeIsKilled() throws Exception {
        CuratorStateStore store = open(TestDeadlines.scaled(Duration.ofSeconds(20)));
        int rounds = 12;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (round == rounds / 3) {
                // The server this client talks to, so the client has to fail over in the middle of the stream.
                InstanceSpec connected = cluster.findConnectionInstance(
                        store.client().getZookeeperClient().getZooKeeper());
                assertThat(cluster.killServer(connected)).isTrue();
            }
            String name = "topology-" + round;
            try {
                ExecutionState state = submitting(name, name + "-1");
                store.create(definition(name), plan(), state);
                store.putSchedulerLocation(TopologyName.of(name), new SchedulerLocation("localhost:1", List.of()));
                store.replaceExecutionState(state, Lifecycle.launched(state, false));
                if (round % 2 == 0) {
                    store.deleteAll(TopologyName.of(name));
                }
            } catch (EgretException e) {
                failures.add(name + ": " + e.getMessage());
            }
        }

        assertThat(failures).isEmpty();
        CuratorStateStore reader = open(TestDeadlines.scaled(Duration.ofSeconds(20)));
        assertThat(reader.list())
                .extracting(TopologyName::value)
                .containsExactly("topology-1", "topology-11", "topology-3", "topology-5", "topology-7", "topology-9");
        for (TopologyName name : reader.list()) {
            assertThat(reader.read(name).orElseThrow().isComplete()).isTrue();
        }
    }

    @Test
    void aLostQuorumIsAClearErrorWithinTheConnectionTimeoutAndNothingIsHalfWritten() throws Exception {
        Duration connectionTimeout = TestDeadlines.scaled(Duration.ofSeconds(3));
        CuratorStateStore store = open(connectionTimeout);
        store.create(definition("before"), plan(), submitting("before", "before-1"));
        List<InstanceSpec> servers = new ArrayList<>(cluster.getInstances());
        cluster.killServer(servers.get(0));
        cluster.killServer(servers.get(1));

        long start = System.nanoTime();
        assertThatThrownBy(() -> store.create(definition("during"), plan(), submitting("during", "during-1")))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("heron.statemgr.zookeeper.connection.timeout.ms")
                .hasMessageNotContaining("\n");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(connectionTimeout.plus(TestDeadlines.scaled(Duration.ofSeconds(10))));

        cluster.restartServer(servers.get(0));
        cluster.restartServer(servers.get(1));
        // A transaction that reached the quorum just before it was lost may have committed although its answer
        // never came back; ZooKeeper cannot tell the client which. What must never happen is half of one.
        CuratorStateStore reader = open(TestDeadlines.scaled(Duration.ofSeconds(30)));
        assertThat(reader.list())
                .extracting(TopologyName::value)
                .contains("before")
                .isSubsetOf("before", "during");
        assertThat(reader.read(TopologyName.of("before")).orElseThrow().isComplete())
                .isTrue();
        reader.read(TopologyName.of("during"))
                .ifPresent(during -> assertThat(during.isComplete())
                        .as("the records of 'during' are all there or none is")
                        .isTrue());
    }

    @Test
    void tenConcurrentSubmitsOfOneNameHaveOneWinnerAndNineCleanConflicts() throws Exception {
        int racers = 10;
        List<CuratorStateStore> clients = new ArrayList<>();
        for (int index = 0; index < racers; index++) {
            clients.add(open(TestDeadlines.scaled(Duration.ofSeconds(20))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int index = 0; index < racers; index++) {
                CuratorStateStore client = clients.get(index);
                String id = "race-" + index;
                Callable<String> submit = () -> {
                    start.await();
                    try {
                        client.create(definition("race"), plan(), submitting("race", id));
                        return "won";
                    } catch (EgretException e) {
                        return e.code() + " " + e.getMessage();
                    }
                };
                outcomes.add(pool.submit(submit));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(
                        outcome.get(TestDeadlines.scaled(Duration.ofSeconds(60)).toMillis(), TimeUnit.MILLISECONDS));
            }

            assertThat(results).filteredOn(result -> result.equals("won")).hasSize(1);
            assertThat(results)
                    .filteredOn(result ->
                            result.startsWith("CONFLICT topology 'race' already exists") && !result.contains("\n"))
                    .hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
