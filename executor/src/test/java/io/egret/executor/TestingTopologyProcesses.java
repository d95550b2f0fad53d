package io.egret.executor;

import static java.util.Objects.requireNonNull;

import io.egret.codec.EgretJson;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.examples.WordCount;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A topology run as separate executor processes ({@code java -m} on the executor's runtime module path, with the
 * test fixtures patched in), sharing a {@link TestingFileStateStore} under a directory. Closing kills every
 * process it started.
 */
final class TestingTopologyProcesses implements AutoCloseable {
    private final Path directory;
    private final TopologyDefinition definition;
    private final TopologyId topologyId;
    private final List<String> jvmOptions;
    private final Path stateRoot;
    private final Path topologyPackage;
    private final Map<Integer, Process> processes = new HashMap<>();
    private final List<Process> everyProcess = new ArrayList<>();

    /** Writes the state (packing plan round robin over {@code containers}) and the package; starts nothing. */
    TestingTopologyProcesses(
            Path directory,
            TopologyDefinition definition,
            int containers,
            TopologyId topologyId,
            List<String> jvmOptions)
            throws Exception {
        this.directory = requireNonNull(directory, "directory is null");
        this.definition = requireNonNull(definition, "definition is null");
        this.topologyId = requireNonNull(topologyId, "topologyId is null");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.stateRoot = directory.resolve("state");
        try (TestingFileStateStore store = new TestingFileStateStore(stateRoot)) {
            store.create(
                    definition,
                    EmbeddedTopology.roundRobinPlan(definition, containers),
                    new ExecutionState(
                            definition.name(),
                            topologyId,
                            new ClusterTarget("local", "tester", "default"),
                            "tester",
                            Instant.now(),
                            "test",
                            TopologyState.RUNNING,
                            Optional.empty()));
        }
        this.topologyPackage = writePackage();
    }

    TopologyId topologyId() {
        return topologyId;
    }

    Path stateRoot() {
        return stateRoot;
    }

    Process process(int container) {
        return processes.get(container);
    }

    Map<Integer, Process> processes() {
        return Map.copyOf(processes);
    }

    List<Process> everyProcess() {
        return List.copyOf(everyProcess);
    }

    /** Starts (or restarts) one container's executor; its output goes to {@code container-N.log}. */
    void start(int container) throws IOException {
        List<String> command = javaCommand(
                jvmOptions,
                "io.egret.executor/io.egret.executor.TestingExecutorMain",
                true,
                "--topology-name=" + definition.name(),
                "--topology-id=" + topologyId,
                "--container-id=" + container,
                "--state-root=" + stateRoot,
                "--package-uri=" + topologyPackage.toUri(),
                "--working-dir=" + directory.resolve("container-" + container),
                "--host=127.0.0.1",
                "--bind-host=127.0.0.1");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve("container-" + container + ".log").toFile()))
                .start();
        processes.put(container, process);
        everyProcess.add(process);
    }

    String log(int container) {
        try {
            return Files.readString(directory.resolve("container-" + container + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Where the master currently listens, if it registered. */
    Optional<TopologyMasterLocation> masterLocation() {
        try (TestingFileStateStore store = new TestingFileStateStore(stateRoot)) {
            return store.read(definition.name()).flatMap(StoredTopology::topologyMaster);
        }
    }

    @Override
    public void close() {
        for (Process process : everyProcess) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** {@code java [options] --module-path <executor and its runtime dependencies> [--patch-module] -m ...}. */
    static List<String> javaCommand(
            List<String> jvmOptions, String mainModuleAndClass, boolean withTestFixtures, String... arguments)
            throws IOException {
        Path target = executorTarget();
        String modulePath = target.resolve("classes")
                + File.pathSeparator
                + Files.readString(target.resolve("runtime-module-path.txt")).strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", modulePath));
        if (withTestFixtures) {
            command.addAll(List.of("--patch-module", "io.egret.executor=" + target.resolve("test-classes")));
        }
        command.addAll(List.of("-m", mainModuleAndClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** The executor module's build directory: this class lives in its test classes. */
    private static Path executorTarget() {
        try {
            Path testClasses = Path.of(TestingTopologyProcesses.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return testClasses.getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the executor's test classes", e);
        }
    }

    static ComponentStatistics count(TopologyRuntimeStatus status, String component) {
        return status.components().stream()
                .filter(statistics -> statistics.component().equals(component))
                .findFirst()
                .orElseThrow();
    }

    /** The master's status, or empty while it cannot be reached. */
    static Optional<TopologyRuntimeStatus> status(TopologyMasterLocation master) {
        try {
            HttpURLConnection connection = open(master, "/status", "GET");
            try (InputStream body = connection.getInputStream()) {
                return Optional.of(EgretJson.fromBytes(body.readAllBytes(), TopologyRuntimeStatus.class));
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static int post(TopologyMasterLocation master, String pathAndQuery) throws IOException {
        HttpURLConnection connection = open(master, pathAndQuery, "POST");
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static HttpURLConnection open(TopologyMasterLocation master, String pathAndQuery, String method)
            throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create("http://" + master.controllerEndpoint() + pathAndQuery)
                        .toURL()
                        .openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(20_000);
        connection.setRequestMethod(method);
        return connection;
    }

    /** topology.tar.gz as the packager writes it: the author's jar, the definition and a config snapshot. */
    private Path writePackage() throws Exception {
        Path jar = directory.resolve("examples.jar");
        Path classes = Path.of(WordCount.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(classes)) {
            try (JarOutputStream output = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    output.putNextEntry(
                            new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, output);
                    output.closeEntry();
                }
            }
        } else {
            Files.copy(classes, jar);
        }
        Path archive = directory.resolve("topology.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            add(tar, "examples.jar", Files.readAllBytes(jar));
            add(tar, definition.name() + ".defn.json", EgretJson.toBytes(definition));
            add(tar, "heron-conf/client.yaml", "heron.package.core.uri: unused\n".getBytes(StandardCharsets.UTF_8));
        }
        return archive;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
