package io.egret.adapters.mesos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduler service process recorded in a working directory. A recorded pid is only trusted while that
 * process's command line names the same settings file, so a reused pid is never signalled.
 */
final class ServiceProcess {
    private ServiceProcess() {}

    /** Records the current process as the directory's service. */
    static void recordSelf(Path directory) throws IOException {
        Files.writeString(
                directory.resolve(MesosSchedulerService.PID_FILE),
                Long.toString(ProcessHandle.current().pid()));
    }

    static Optional<ProcessHandle> find(Path directory) {
        Path pidFile = directory.resolve(MesosSchedulerService.PID_FILE);
        Path settings = directory.resolve(MesosSchedulerService.SETTINGS_FILE);
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info()
                            .arguments()
                            .map(arguments -> java.util.Arrays.asList(arguments).contains(settings.toString()))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Waits up to {@code grace} for the service to exit by itself, then ends it; true once it is gone. */
    static boolean end(Path directory, Duration grace) {
        Optional<ProcessHandle> process = find(directory);
        if (process.isEmpty()) {
            return true;
        }
        ProcessHandle handle = process.get();
        if (awaitExit(handle, grace)) {
            return true;
        }
        handle.destroy();
        if (awaitExit(handle, grace)) {
            return true;
        }
        handle.destroyForcibly();
        return awaitExit(handle, grace);
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
