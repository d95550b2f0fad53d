package io.egret.adapters.local.state;

import io.egret.ports.contract.StateStoreContract;
import io.egret.ports.out.StateStorePort;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The state store contract on the local file system: every store is another client of one root directory. */
final class LocalFileSystemStateStoreContractTest extends StateStoreContract {
    @TempDir
    Path root;

    @Override
    protected StateStorePort openStore() {
        return new LocalFileSystemStateStore(root, true, Duration.ofSeconds(30), Duration.ofMillis(50));
    }
}
