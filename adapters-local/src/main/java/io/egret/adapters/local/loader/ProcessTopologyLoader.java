package io.egret.adapters.local.loader;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.egret.adapters.local.files.OwnedTemporaryDirectories;
import io.egret.adapters.local.files.TarExtractor;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.out.LoadRequest;
import io.egret.ports.out.TopologyLoaderPort;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a topology author's main class in a child JVM, as {@code heron submit} does:
 * {@code java -cp <topology jar>:<Egret API class path> -Degret.topology.definition.file=<file> [-Dk=v...]
 * <class> <arguments...>}. The API's {@code TopologySubmitter} writes the definition to that file as Egret JSON.
 *
 * <p>A jar built against Heron's API ({@code org.apache.heron.api}, told by {@link TopologyApi}) runs the same way
 * with the Heron-API class path added and Egret's heron-compat main in front of the author's
 * ({@value #HERON_SUBMIT_MAIN}): Heron's {@code HeronSubmitter} writes its definition where {@code HERON_OPTIONS}
 * says, as Heron's CLI arranges, and heron-compat turns it into the Egret definition file.
 *
 * <p>Running the author's code in its own JVM keeps its static state, threads, {@code System.exit} and class
 * path conflicts away from the CLI, and a hung main is killed with its whole process tree after the timeout.
 */
public final class ProcessTopologyLoader implements TopologyLoaderPort {
    /** The system property through which the child learns where to write its definition. */
    public static final String DEFINITION_FILE_PROPERTY = "egret.topology.definition.file";

    /** The main class that runs a Heron-API topology's main and converts its definition (in heron-compat). */
    public static final String HERON_SUBMIT_MAIN = "io.egret.heron.submit.HeronSubmitMain";

    /** Heron's environment variable of {@code key=value,...} command-line options for {@code HeronSubmitter}. */
    static final String HERON_OPTIONS = "HERON_OPTIONS";

    /** The stderr prefix and exit status of heron-compat for a Heron topology Egret cannot run. */
    private static final String HERON_ERROR_PREFIX = "egret-heron: ";

    private static final int HERON_INVALID_TOPOLOGY_STATUS = 3;

    private static final String DEFINITION_FILE_NAME = "topology-definition.json";
    private static final int STDERR_TAIL_LINES = 6;
    private static final int STDERR_TAIL_CHARACTERS = 1500;

    private final Path javaBinary;
    private final List<Path> apiClassPath;
    private final List<Path> heronApiClassPath;
    private final Duration timeout;
    private final Path temporaryRoot;

    /**
     * @param javaBinary the {@code java} launcher for the child
     * @param apiClassPath the jars of Egret's API and what it needs (api, codec, domain, Jackson)
     * @param timeout how long the author's main may run before it is killed
     * @param temporaryRoot where the private per-load directory is made
     */
    public ProcessTopologyLoader(Path javaBinary, List<Path> apiClassPath, Duration timeout, Path temporaryRoot) {
        this(javaBinary, apiClassPath, List.of(), timeout, temporaryRoot);
    }

    /**
     * @param heronApiClassPath heron-compat and heron-api, for jars built against Heron's API; empty when the
     *     installation has no Heron-API support
     */
    public ProcessTopologyLoader(
            Path javaBinary,
            List<Path> apiClassPath,
            List<Path> heronApiClassPath,
            Duration timeout,
            Path temporaryRoot) {
        this.javaBinary = requireNonNull(javaBinary, "javaBinary is null");
        this.apiClassPath = List.copyOf(requireNonNull(apiClassPath, "apiClassPath is null"));
        this.heronApiClassPath = List.copyOf(requireNonNull(heronApiClassPath, "heronApiClassPath is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.temporaryRoot = requireNonNull(temporaryRoot, "temporaryRoot is null");
    }

    @Override
    public TopologyDefinition load(LoadRequest request) {
        requireNonNull(request, "request is null");
        Path topologyFile = request.topologyFile().toAbsolutePath();
        if (!Files.isRegularFile(topologyFile) || !Files.isReadable(topologyFile)) {
            throw EgretException.userError("cannot read topology file " + topologyFile
                    + ": it does not exist, is not a regular file or is not readable");
        }
        Path directory = createDirectory();
        EgretException failure = null;
        try {
            return run(request, topologyFile, directory);
        } catch (EgretException e) {
            failure = e;
            throw e;
        } finally {
            deleteDirectory(directory, failure);
        }
    }

    private TopologyDefinition run(LoadRequest request, Path topologyFile, Path directory) {
        Path definitionFile = directory.resolve(DEFINITION_FILE_NAME);
        Path stdout = directory.resolve("main.stdout");
        Path stderr = directory.resolve("main.stderr");
        List<String> topologyClassPath = topologyClassPath(topologyFile, directory);
        String what = "topology main class " + request.className() + " from " + topologyFile;
        TopologyApi api = TopologyApi.of(topologyClassPath, request.className());
        Path heronDirectory = directory.resolve("heron-definition");
        switch (api) {
            case EGRET -> {}
            case HERON -> {
                if (heronApiClassPath.isEmpty()) {
                    throw EgretException.userError(topologyFile + " is built against Heron's API (org.apache.heron.api)"
                            + " but this installation has no Heron-API support (lib/heron-compat/ is missing);"
                            + " reinstall heron");
                }
                createHeronDirectory(heronDirectory);
            }
            case TWITTER_HERON ->
                throw EgretException.userError(topologyFile + " is built against Heron's"
                        + " com.twitter.heron API (Heron 0.17 and earlier), which Egret does not run; rebuild it against"
                        + " org.apache.heron:heron-api 0.20 (change the imports from com.twitter.heron.api to"
                        + " org.apache.heron.api)");
        }
        List<String> command = command(request, topologyClassPath, definitionFile, api == TopologyApi.HERON);
        int definitionWrites;
        int exitCode;
        try (WatchService watchService = FileSystems.getDefault().newWatchService()) {
            // Counting how often the definition file appears tells a main that submitted twice: the API replaces
            // the file atomically, so the file alone would only show the last topology.
            WatchKey key = directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE);
            ProcessBuilder builder = new ProcessBuilder(command);
            if (api == TopologyApi.HERON) {
                // As Heron's CLI tells HeronSubmitter where to write <topology>.defn.
                builder.environment().put(HERON_OPTIONS, "cmdline.topologydefn.tmpdirectory=" + heronDirectory);
            }
            Process process = builder.directory(directory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process);
                throw EgretException.userError(what + " did not finish within " + timeout
                        + " and was killed; a main method must build the topology, submit it and return"
                        + stderrTail(stderr));
            }
            exitCode = process.exitValue();
            definitionWrites = countCreations(key, DEFINITION_FILE_NAME);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot run " + what + " with " + javaBinary + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while running " + what, e);
        }
        String tail = stderrTail(stderr);
        if (exitCode == HERON_INVALID_TOPOLOGY_STATUS && api == TopologyApi.HERON) {
            String reason = heronError(stderr);
            if (!reason.isEmpty()) {
                throw EgretException.userError(what + " submitted a Heron topology Egret cannot run: " + reason);
            }
        }
        if (exitCode != 0) {
            if (tail.contains("Could not find or load main class")
                    || tail.contains("java.lang.ClassNotFoundException: " + request.className())) {
                throw EgretException.userError("main class " + request.className() + " was not found in " + topologyFile
                        + "; check the class name and that the jar contains it" + tail);
            }
            if (tail.contains("NoClassDefFoundError: io/egret/api/")) {
                throw EgretException.userError(what + " cannot find Egret's API classes: the topology jar does not"
                        + " bundle them and the heron installation's API class path (" + apiClassPath + ") lacks"
                        + " them" + tail);
            }
            throw EgretException.userError(what + " failed with exit status " + exitCode + tail);
        }
        if (!Files.exists(definitionFile)) {
            throw EgretException.userError(what + " returned without submitting a topology: its main method must"
                    + " call " + (api == TopologyApi.HERON ? "HeronSubmitter" : "TopologySubmitter")
                    + ".submitTopology(...)" + tail);
        }
        if (definitionWrites > 1) {
            throw EgretException.userError(what + " submitted " + definitionWrites
                    + " topologies; submit exactly one topology per main class run");
        }
        byte[] json;
        try {
            json = Files.readAllBytes(definitionFile);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot read " + definitionFile + ": " + e, e);
        }
        try {
            return EgretJson.fromBytes(json, TopologyDefinition.class);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new EgretException(
                    ErrorCode.USER_ERROR,
                    what + " wrote an invalid topology definition (is the jar built against another Egret API"
                            + " version?): " + e.getMessage(),
                    e);
        } catch (EgretException e) {
            throw new EgretException(e.code(), what + " submitted an invalid topology: " + e.getMessage(), e);
        }
    }

    /**
     * A jar is used as it is. A tar ({@code .tar}, {@code .tar.gz}, {@code .tgz}) is unpacked, as Heron does, and
     * contributes its top directory, its jars and the jars in {@code libs/}.
     */
    static List<String> topologyClassPath(Path topologyFile, Path directory) {
        String fileName = topologyFile.getFileName().toString();
        if (!fileName.endsWith(".tar") && !fileName.endsWith(".tar.gz") && !fileName.endsWith(".tgz")) {
            return List.of(topologyFile.toString());
        }
        Path unpacked = directory.resolve("topology");
        TarExtractor.extract(topologyFile, unpacked, "topology file");
        return List.of(
                unpacked.toString(), unpacked + File.separator + "*", unpacked.resolve("libs") + File.separator + "*");
    }

    List<String> command(LoadRequest request, List<String> topologyClassPath, Path definitionFile) {
        return command(request, topologyClassPath, definitionFile, false);
    }

    List<String> command(LoadRequest request, List<String> topologyClassPath, Path definitionFile, boolean heron) {
        List<String> classPath = new ArrayList<>(topologyClassPath);
        for (Path entry : request.extraClassPath()) {
            classPath.add(entry.toAbsolutePath().toString());
        }
        for (Path entry : apiClassPath) {
            classPath.add(entry.toAbsolutePath().toString());
        }
        if (heron) {
            for (Path entry : heronApiClassPath) {
                classPath.add(entry.toAbsolutePath().toString());
            }
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add("-D" + DEFINITION_FILE_PROPERTY + "=" + definitionFile);
        // Sorted so that the command line is the same on every run (it appears in error messages).
        for (Map.Entry<String, String> property : new TreeMap<>(request.systemProperties()).entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        if (heron) {
            command.add(HERON_SUBMIT_MAIN);
        }
        command.add(request.className());
        command.addAll(request.arguments());
        return command;
    }

    private static void createHeronDirectory(Path heronDirectory) {
        try {
            Files.createDirectories(heronDirectory);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot create " + heronDirectory + ": " + e, e);
        }
    }

    /** heron-compat's one line on why the Heron topology cannot run; empty if it wrote none. */
    private static String heronError(Path stderr) {
        try {
            return Files.readAllLines(stderr, UTF_8).stream()
                    .filter(line -> line.startsWith(HERON_ERROR_PREFIX))
                    .reduce((first, second) -> second)
                    .map(line -> line.substring(HERON_ERROR_PREFIX.length()).strip())
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static int countCreations(WatchKey key, String fileName) {
        int count = 0;
        try {
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    // Lost events cannot tell one submission from two; the file itself proves at least one.
                    continue;
                }
                if (event.context() instanceof Path path && path.toString().equals(fileName)) {
                    count += event.count();
                }
            }
        } catch (ClosedWatchServiceException e) {
            throw new IllegalStateException("watch service closed while counting submissions", e);
        }
        return count;
    }

    private static void destroyTree(Process process) throws InterruptedException {
        // Children first, so that none is re-parented and left behind when the main process goes.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String stderrTail(Path stderr) {
        List<String> lines;
        try {
            lines = Files.readAllLines(stderr, UTF_8);
        } catch (IOException e) {
            return " (its error output " + stderr + " is unreadable: " + e + ")";
        }
        List<String> meaningful = lines.stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .filter(line -> !line.startsWith("at "))
                .filter(line -> !line.startsWith("..."))
                .toList();
        if (meaningful.isEmpty()) {
            return "";
        }
        List<String> tail = meaningful.subList(Math.max(0, meaningful.size() - STDERR_TAIL_LINES), meaningful.size());
        String joined = String.join(" | ", tail);
        if (joined.length() > STDERR_TAIL_CHARACTERS) {
            joined = "..." + joined.substring(joined.length() - STDERR_TAIL_CHARACTERS);
        }
        return "; its error output ends: " + joined;
    }

    private Path createDirectory() {
        try {
            return new OwnedTemporaryDirectories(temporaryRoot, "egret-load-", Clock.systemUTC()).create();
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot create a temporary directory under " + temporaryRoot + ": " + e, e);
        }
    }

    private static void deleteDirectory(Path directory, EgretException failure) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new EgretException(
                        ErrorCode.INTERNAL, "cannot delete temporary directory " + directory + ": " + e, e);
            }
        }
    }
}
