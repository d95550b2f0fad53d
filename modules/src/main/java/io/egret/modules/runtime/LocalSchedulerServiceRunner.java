package io.egret.modules.runtime;

import io.egret.adapters.local.LocalSchedulerService;
import io.egret.domain.config.ConfigKey;
import io.egret.ports.out.StateStorePort;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the local scheduler service of one topology: its arguments come from the local launcher, its state store
 * from the config snapshot the topology was submitted with (so it talks to the same store as the CLI did).
 */
public final class LocalSchedulerServiceRunner {
    private LocalSchedulerServiceRunner() {}

    /** Runs until the topology is killed; returns the process exit code. */
    public static int run(List<String> arguments, PrintStream log) throws InterruptedException {
        LocalSchedulerService.Settings settings = LocalSchedulerService.Settings.fromArguments(arguments);
        Map<String, String> snapshot = LocalSchedulerService.readEffectiveConfig(settings.sandbox());
        try (StateStorePort stateStore = LocalStateStores.open(
                snapshot.getOrDefault(ConfigKey.STATE_MANAGER_CONNECTION_STRING.key(), ""),
                snapshot.get(ConfigKey.STATE_MANAGER_ROOT_PATH.key()),
                snapshot,
                "the local scheduler service (from the topology's config snapshot)")) {
            LocalSchedulerService.run(settings, stateStore, line -> log.println(Instant.now() + " " + line));
        }
        return 0;
    }
}
