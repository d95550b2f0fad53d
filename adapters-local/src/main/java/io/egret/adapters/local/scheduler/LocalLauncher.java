package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.egret.adapters.local.LocalAdapterConfig;
import io.egret.adapters.local.LocalSchedulerService;
import io.egret.adapters.local.files.PathTemplate;
import io.egret.adapters.local.files.TarExtractor;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.PackageFetcherPort;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.UploadedPackage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Heron's local launcher, in Java: prepares the topology's sandbox under
 * {@code heron.scheduler.local.working.directory}, fetches the core package ({@code heron.package.core.uri}) or
 * links the installed core ({@code heron.package.core.directory}), fetches and unpacks the topology package, and
 * starts the scheduler service in its own session. It returns once the service recorded its location in the
 * state store (watched through the store, not polled), so a service that dies on start is reported with its output
 * instead of being noticed later.
 */
public final class LocalLauncher implements LauncherPort {
    /** Heron's key for the sandbox directory. */
    public static final String WORKING_DIRECTORY_KEY = "heron.scheduler.local.working.directory";

    private static final String MARKER = ".egret-sandbox";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int OUTPUT_TAIL_LINES = 8;

    private final LocalAdapterConfig.SchedulerConfig config;
    private final PathTemplate workingDirectory;
    private final StateStorePort stateStore;
    private final PackageFetcherPort fetcher;

    /** Fetches packages from {@code file:} and {@code http(s):} URIs only. */
    public LocalLauncher(LocalAdapterConfig.SchedulerConfig config, StateStorePort stateStore) {
        this(config, stateStore, new PackageFetcher(config.connectTimeout(), config.requestTimeout()));
    }

    /**
     * @param fetcher fetches the core and topology packages from wherever the configured uploader put them
     *     (HDFS, S3, ...), as containers would
     */
    public LocalLauncher(
            LocalAdapterConfig.SchedulerConfig config, StateStorePort stateStore, PackageFetcherPort fetcher) {
        this.config = requireNonNull(config, "config is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.workingDirectory = new PathTemplate(WORKING_DIRECTORY_KEY, config.workingDirectory());
    }

    @Override
    public void launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        ExecutionState state = request.executionState();
        TopologyName name = state.name();
        ClusterTarget target = state.target();
        if (config.serviceCommand().isEmpty()) {
            throw EgretException.userError("the local scheduler service command is not configured: the heron"
                    + " installation is incomplete (no scheduler service main)");
        }
        Sandbox sandbox = new Sandbox(workingDirectory.resolve(target, name));
        // Built first: a malformed executor command is refused before anything is fetched.
        LocalSchedulerService.Settings settings = new LocalSchedulerService.Settings(
                name,
                state.id(),
                target,
                sandbox.directory(),
                config.executorCommand(),
                config.maxExecutorRestarts(),
                config.executorRestartBackoff(),
                config.maxExecutorRestartBackoff(),
                config.killGrace(),
                config.serviceHost(),
                0);
        prepare(sandbox);
        fetchCore(sandbox);
        fetchTopology(sandbox, request.topologyPackage());
        Process service = startService(sandbox, settings);
        awaitLocation(name, sandbox, service);
    }

    /** Creates the sandbox, or empties one left by an earlier incarnation, as Heron does. */
    private void prepare(Sandbox sandbox) {
        Path directory = sandbox.directory();
        try {
            if (Files.isDirectory(directory) && !isEmpty(directory)) {
                // Only ever empty a directory this launcher made: a mistyped working directory must not cost data.
                if (!Files.exists(directory.resolve(MARKER))) {
                    throw EgretException.userError("the working directory " + directory + " (" + WORKING_DIRECTORY_KEY
                            + ") is not empty and was not made by heron; point " + WORKING_DIRECTORY_KEY
                            + " at a directory per topology, e.g. ending in ${TOPOLOGY}");
                }
                // Processes of an earlier incarnation whose state is gone: nobody else can reach them any more,
                // and this incarnation now owns the name, so they are ended rather than left to clash.
                List<String> survivors =
                        RecordedProcesses.end(sandbox.processRecords(), config.killGrace(), config.killGrace(), false);
                if (!survivors.isEmpty()) {
                    throw EgretException.conflict("processes of an earlier run of this topology still run in "
                            + directory + " and did not end: " + survivors);
                }
                deleteContents(directory);
            }
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(MARKER), "made by heron for one topology; emptied on each submit\n");
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot prepare the working directory " + directory + ": " + e, e);
        }
    }

    private void fetchCore(Sandbox sandbox) {
        if (config.coreUri().isPresent()) {
            Path archive = sandbox.directory().resolve("heron-core.tar.gz");
            fetch(config.coreUri().get(), archive, "Heron core package");
            TarExtractor.extract(archive, sandbox.directory(), "Heron core package");
            delete(archive);
            return;
        }
        if (config.coreDirectory().isPresent()) {
            Path core = config.coreDirectory().get().toAbsolutePath();
            if (!Files.isDirectory(core)) {
                throw EgretException.userError("the Heron core directory " + core
                        + " (heron.package.core.directory) does not exist; set heron.package.core.uri or fix the"
                        + " directory");
            }
            try {
                Files.createSymbolicLink(sandbox.coreDirectory(), core);
            } catch (IOException e) {
                throw new EgretException(
                        ErrorCode.INTERNAL, "cannot link " + sandbox.coreDirectory() + " to " + core + ": " + e, e);
            }
        }
    }

    private void fetchTopology(Sandbox sandbox, UploadedPackage uploaded) {
        Path archive = sandbox.directory().resolve("topology.tar.gz");
        fetch(uploaded.uri(), archive, "topology package");
        String fetched = sha256(archive);
        if (!fetched.equals(uploaded.sha256())) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "the topology package fetched from " + uploaded.uri() + " has SHA-256 " + fetched + ", not the "
                            + "uploaded " + uploaded.sha256() + "; it was changed or corrupted in storage",
                    null);
        }
        TarExtractor.extract(archive, sandbox.directory(), "topology package");
        delete(archive);
    }

    private void fetch(URI uri, Path archive, String what) {
        try {
            fetcher.fetch(uri, archive);
        } catch (EgretException e) {
            throw new EgretException(e.code(), "the " + what + " is not available: " + e.getMessage(), e);
        }
    }

    private Process startService(Sandbox sandbox, LocalSchedulerService.Settings settings) {
        List<String> command = new ArrayList<>();
        // Its own session: the service outlives the CLI and its terminal, and a kill can end its group.
        command.add("setsid");
        command.addAll(config.serviceCommand());
        command.addAll(settings.toArguments());
        Process service;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(sandbox.directory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            sandbox.schedulerOutput().toFile()));
            builder.environment()
                    .put(Sandbox.MARKER_VARIABLE, sandbox.directory().toString());
            service = builder.start();
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL,
                    "cannot start the scheduler service (" + String.join(" ", command) + "): " + e,
                    e);
        }
        try {
            sandbox.recordScheduler(settings.topologyId().value(), service.toHandle(), true);
        } catch (IOException e) {
            EgretException failure = new EgretException(
                    ErrorCode.INTERNAL, "cannot record the scheduler service in " + sandbox.directory() + ": " + e, e);
            service.destroyForcibly();
            throw failure;
        }
        return service;
    }

    /**
     * Waits until the service records its location, it exits, or the start timeout passes. Woken by the store's
     * watch on the scheduler location and by the service's exit, and re-reads only then; polls only a store that
     * cannot watch.
     */
    private void awaitLocation(TopologyName name, Sandbox sandbox, Process service) {
        long deadline = System.nanoTime() + config.serviceStartTimeout().toNanos();
        Semaphore wakeUp = new Semaphore(0);
        service.onExit().thenRun(wakeUp::release);
        Optional<StateStorePort.Watch> watch = watchLocation(name, wakeUp);
        try {
            while (true) {
                if (stateStore.read(name).flatMap(StoredTopology::scheduler).isPresent()) {
                    return;
                }
                if (!service.isAlive()) {
                    throw EgretException.internal(
                            "the scheduler service of topology '" + name + "' exited with status " + service.exitValue()
                                    + " before it recorded its location" + outputTail(sandbox),
                            null);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    EgretException failure = new EgretException(
                            ErrorCode.UNREACHABLE,
                            "the scheduler service of topology '" + name + "' did not record its location within "
                                    + config.serviceStartTimeout() + " and was stopped" + outputTail(sandbox),
                            null);
                    List<Long> remaining =
                            ProcessGroups.terminate(List.of(service.pid()), config.killGrace(), config.killGrace());
                    if (!remaining.isEmpty()) {
                        failure.addSuppressed(new IllegalStateException("process group " + remaining + " still runs"));
                    }
                    throw failure;
                }
                long wait = watch.isPresent() ? left : Math.min(left, POLL_INTERVAL.toNanos());
                if (wakeUp.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                    // Changes that came together are read once.
                    wakeUp.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while waiting for the scheduler service", e);
        } finally {
            watch.ifPresent(StateStorePort.Watch::close);
        }
    }

    /** A watch on the scheduler location that wakes the waiting launcher; empty for a store that cannot watch. */
    private Optional<StateStorePort.Watch> watchLocation(TopologyName name, Semaphore wakeUp) {
        try {
            return Optional.of(stateStore.watch(name, StateNode.SCHEDULER, wakeUp::release));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static String outputTail(Sandbox sandbox) {
        Path output = sandbox.schedulerOutput();
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

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteContents(Path directory) throws IOException {
        // Files.walk does not follow symbolic links: a linked core directory loses its link, not its files.
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                if (!entry.equals(directory)) {
                    Files.delete(entry);
                }
            }
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot delete " + file + ": " + e, e);
        }
    }

    private static String sha256(Path file) {
        try (DigestInputStream input =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            input.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(input.getMessageDigest().digest());
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot read " + file + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
