package io.egret.app;

import io.egret.domain.error.EgretException;
import io.egret.modules.runtime.LocalSchedulerServiceRunner;
import java.util.List;

/**
 * The local scheduler service of one topology (Heron's {@code SchedulerMain} for the local cluster), started by
 * the local launcher in the topology's sandbox; its output goes to a file there.
 */
public final class LocalSchedulerServiceMain {
    private LocalSchedulerServiceMain() {}

    public static void main(String[] arguments) {
        int exitCode;
        try {
            exitCode = LocalSchedulerServiceRunner.run(List.of(arguments), System.out);
        } catch (EgretException e) {
            System.err.println("scheduler service: " + e.getMessage());
            e.printStackTrace(System.err);
            exitCode = e.code().exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
