package io.egret.adapters.local.scheduler;

import io.egret.adapters.local.LocalSchedulerService;
import io.egret.adapters.local.state.LocalFileSystemStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The scheduler service main for tests, standing in for the app's: the state store root comes from the system
 * property {@code egret.test.state.root} instead of the cluster config.
 */
public final class TestingSchedulerServiceMain {
    private TestingSchedulerServiceMain() {}

    public static void main(String[] arguments) throws Exception {
        LocalSchedulerService.Settings settings = LocalSchedulerService.Settings.fromArguments(List.of(arguments));
        Path root = Path.of(System.getProperty("egret.test.state.root"));
        try (LocalFileSystemStateStore store = new LocalFileSystemStateStore(root, true)) {
            LocalSchedulerService.run(settings, store, line -> System.err.println(Instant.now() + " " + line));
        }
    }
}
