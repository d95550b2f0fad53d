package io.egret.adapters.mesos;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.egret.adapters.mesos.framework.RecordedTasks;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heron's {@code MesosLauncher}, on the v1 HTTP API: prepares the topology's working directory
 * ({@code heron.scheduler.mesos.scheduler.working.directory}), writes the scheduler service's settings there
 * (owner-only: they may hold the principal's secret) together with the command that starts it, starts the service
 * as a local process in its own session, and returns once the service subscribed and recorded its location and
 * framework id. Running the recorded command again (by hand, or under Marathon or Aurora for supervision) brings
 * back a service that takes the same framework over.
 */
public final class MesosLauncher implements LauncherPort {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int OUTPUT_TAIL_LINES = 8;

    private final MesosAdapterConfig config;
    private final StateStorePort stateStore;

    public MesosLauncher(MesosAdapterConfig config, StateStorePort stateStore) {
        this.config = requireNonNull(config, "config is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
    }

    @Override
    public void launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        ExecutionState state = request.executionState();
        TopologyName name = state.name();
        ClusterTarget target = state.target();
        if (config.serviceCommand().isEmpty()) {
            throw EgretException.userError(
                    "the Mesos scheduler service command is not configured: the heron" + " installation is incomplete");
        }
        // Checked before anything is written: a bad master URI is the operator's to fix.
        MesosSchedulerService.masterUri(config.master());
        Path directory = config.workingDirectory(target, name);
        List<String> taskCommand = new ArrayList<>(config.taskCommand().stream()
                .map(part ->
                        MesosAdapterConfig.fill(part, target, name, state.id().value()))
                .toList());
        // The executor fetches the topology package itself, with the core's fetchers (heron-downloader's): they
        // serve the uploaders' hdfs: and s3: URIs without Hadoop on the agents and check a #sha256 fragment, which
        // the Mesos fetcher does not. Only the core, which holds those fetchers, comes through the Mesos fetcher.
        taskCommand.add("--package-uri=" + request.topologyPackage().uri());
        ServiceSettings settings = new ServiceSettings(
                name.value(),
                state.id().value(),
                target.cluster(),
                target.role(),
                target.environ(),
                config.master(),
                config.frameworkName(target, name),
                config.mesosRole(),
                config.principal(),
                config.secret().orElse(""),
                config.failoverTimeoutSeconds(),
                config.maxRelaunches(),
                taskCommand,
                List.of(config.coreUri().toString()),
                config.config(),
                "127.0.0.1",
                config.connectTimeout().toMillis(),
                config.requestTimeout().toMillis(),
                config.subscribeTimeout().toMillis());
        List<String> command = new ArrayList<>(config.serviceCommand());
        command.add(directory.resolve(MesosSchedulerService.SETTINGS_FILE).toString());
        prepare(directory, settings, command);
        Process service = start(directory, command);
        awaitLocation(name, directory, service);
    }

    private static void prepare(Path directory, ServiceSettings settings, List<String> command) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(MesosSchedulerService.SETTINGS_FILE);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, EgretJson.toBytes(EgretJson.mapper().valueToTree(settings)), StandardOpenOption.WRITE);
            Files.write(directory.resolve(MesosSchedulerService.COMMAND_FILE), command, UTF_8);
            Files.deleteIfExists(directory.resolve(MesosSchedulerService.PID_FILE));
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "cannot prepare the Mesos scheduler's working directory " + directory + ": " + e,
                    e);
        }
    }

    private static Process start(Path directory, List<String> command) {
        List<String> argv = new ArrayList<>();
        // Its own session: the service outlives the CLI and its terminal.
        argv.add("setsid");
        argv.addAll(command);
        try {
            return new ProcessBuilder(argv)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            directory.resolve(MesosSchedulerService.OUTPUT_FILE).toFile()))
                    .start();
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "cannot start the Mesos scheduler service (" + String.join(" ", argv) + "): " + e,
                    e);
        }
    }

    private void awaitLocation(TopologyName name, Path directory, Process service) {
        long deadline = System.nanoTime() + config.serviceStartTimeout().toNanos();
        try {
            while (true) {
                boolean subscribed = stateStore
                        .read(name)
                        .flatMap(StoredTopology::scheduler)
                        .map(SchedulerLocation::jobLinks)
                        .map(RecordedTasks::fromLinks)
                        .flatMap(RecordedTasks::frameworkId)
                        .isPresent();
                if (subscribed) {
                    return;
                }
                if (!service.isAlive()) {
                    int status = service.exitValue();
                    String output = outputTail(directory);
                    throw new EgretException(
                            status == ErrorCode.USER_ERROR.exitCode()
                                    ? ErrorCode.USER_ERROR
                                    : status == ErrorCode.UNREACHABLE.exitCode()
                                            ? ErrorCode.UNREACHABLE
                                            : ErrorCode.INTERNAL,
                            "the Mesos scheduler service of topology '" + name + "' exited with status " + status
                                    + " before it subscribed" + output,
                            null);
                }
                if (System.nanoTime() - deadline >= 0) {
                    service.destroy();
                    if (!service.waitFor(config.killGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        service.destroyForcibly();
                    }
                    throw EgretException.unreachable(
                            "the Mesos scheduler service of topology '" + name + "' did not subscribe to "
                                    + config.master() + " within " + config.serviceStartTimeout() + " and was stopped"
                                    + outputTail(directory),
                            null);
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while waiting for the scheduler service", e);
        }
    }

    static String outputTail(Path directory) {
        Path output = directory.resolve(MesosSchedulerService.OUTPUT_FILE);
        try {
            List<String> lines = Files.readAllLines(output, UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("at "))
                    .toList();
            if (lines.isEmpty()) {
                return " (no output in " + output + ")";
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - OUTPUT_TAIL_LINES), lines.size());
            return "; its output ends: " + String.join(" | ", tail) + " (full output in " + output + ")";
        } catch (IOException e) {
            return " (its output " + output + " is unreadable: " + e + ")";
        }
    }
}
