package io.egret.app;

import io.egret.domain.error.EgretException;
import io.egret.modules.runtime.MesosSchedulerServiceRunner;
import java.util.List;

/**
 * The Mesos scheduler service of one topology, started by the Mesos launcher with the settings file it wrote in
 * the topology's working directory. Run the same command again (it is recorded next to the settings) to bring a
 * dead service back: it takes its framework over and reconciles the running tasks.
 */
public final class MesosSchedulerServiceMain {
    private MesosSchedulerServiceMain() {}

    public static void main(String[] arguments) {
        int exitCode;
        try {
            exitCode = MesosSchedulerServiceRunner.run(List.of(arguments), System.out);
        } catch (EgretException e) {
            System.err.println("mesos scheduler service: " + e.getMessage());
            exitCode = e.code().exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
