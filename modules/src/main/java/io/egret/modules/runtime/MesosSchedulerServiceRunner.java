package io.egret.modules.runtime;

import io.egret.adapters.mesos.MesosSchedulerService;
import io.egret.adapters.mesos.ServiceSettings;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.StateStorePort;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Runs one topology's Mesos scheduler service from the settings file its launcher wrote; the state store comes
 * from the config the topology was submitted with, so the service talks to the same store as the CLI did.
 */
public final class MesosSchedulerServiceRunner {
    private MesosSchedulerServiceRunner() {}

    /** Runs until the topology is killed or the framework was taken over; returns the exit code. */
    public static int run(List<String> arguments, PrintStream log) throws InterruptedException {
        if (arguments.size() != 1) {
            throw EgretException.userError("usage: MesosSchedulerServiceMain <settings file>; got " + arguments);
        }
        Path file = Path.of(arguments.get(0));
        ServiceSettings settings = MesosSchedulerService.readSettings(file);
        MesosSchedulerService.recordProcess(file);
        try (StateStorePort stateStore = LocalStateStores.open(
                settings.config().getOrDefault(ConfigKey.STATE_MANAGER_CONNECTION_STRING.key(), ""),
                settings.config().get(ConfigKey.STATE_MANAGER_ROOT_PATH.key()),
                settings.config(),
                "the Mesos scheduler service (from its settings)")) {
            String reason =
                    MesosSchedulerService.run(settings, stateStore, line -> log.println(Instant.now() + " " + line));
            log.println(Instant.now() + " scheduler service of " + settings.topologyName() + " stopped: " + reason);
        }
        return 0;
    }
}
