package io.egret.adapters.zookeeper.curator;

import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.ports.contract.StateStoreContract;
import io.egret.ports.contract.TestDeadlines;
import io.egret.ports.out.StateStorePort;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The state store contract on a real ZooKeeper server: every store is another client session. */
final class CuratorStateStoreContractTest extends StateStoreContract {
    private static TestingServer server;
    private static final AtomicInteger TESTS = new AtomicInteger();
    // JUnit makes one instance per test: each test gets its own root on the shared server.
    private final String root = "/heron-" + TESTS.incrementAndGet();

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected StateStorePort openStore() {
        ZooKeeperStateConfig config = ZooKeeperStateConfig.defaults(
                        ConnectString.parse(server.getConnectString()), root)
                .withTimeouts(Duration.ofSeconds(30), TestDeadlines.scaled(Duration.ofSeconds(15)))
                .withRetries(3, Duration.ofMillis(200));
        return CuratorStateStore.open(config);
    }
}
