package io.egret.modules.runtime;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalAdapterModule;
import io.egret.adapters.local.LocalSchedulerService;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.StateStorePort;
import java.io.PrintStream;
import java.nio.file.Path;
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
        String connection = snapshot.getOrDefault(ConfigKey.STATE_MANAGER_CONNECTION_STRING.key(), "");
        if (!connection.isEmpty() && !connection.equals(StateManagerConfig.LOCAL_MODE)) {
            throw EgretException.userError("the local scheduler service needs the local file-system state manager;"
                    + " the topology was submitted with connection '" + connection + "'");
        }
        String root = snapshot.get(ConfigKey.STATE_MANAGER_ROOT_PATH.key());
        if (root == null || root.isBlank()) {
            throw EgretException.userError(
                    "the topology's config snapshot has no " + ConfigKey.STATE_MANAGER_ROOT_PATH.key());
        }
        LocalAdapterConfig config = LocalAdapterConfig.defaults(Path.of(System.getProperty("user.home")), "service")
                .withStateRoot(Path.of(root));
        try (StateStorePort stateStore = new LocalAdapterModule(config).stateStore()) {
            LocalSchedulerService.run(settings, stateStore, line -> log.println(Instant.now() + " " + line));
        }
        return 0;
    }
}
