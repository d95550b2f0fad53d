package io.egret.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.codec.EgretJson;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's acceptance test: a topology master and two containers as separate {@code java -m} processes on
 * the executor's real module path, sharing a file-based state store. WordCount runs; counts grow, stop while
 * deactivated and grow again; a killed container, and then the killed master, are restarted and rejoin; SIGTERM
 * stops everything with exit 0.
 */
final class MultiProcessIntegrationTest {
    private static final String NAME = "word-count";

    @TempDir
    Path directory;

    private final Map<Integer, Process> processes = new HashMap<>();
    private final List<Process> everyProcess = new ArrayList<>();

    @AfterEach
    void killEverything() {
        for (Process process : everyProcess) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void wordCountAcrossProcessesPausesResumesRejoinsAndStops() throws Exception {
        TopologyDefinition definition = WordCount.topology(2).toDefinition(NAME, WordCount.config(2));
        PackingPlan packingPlan = EmbeddedTopology.roundRobinPlan(definition, 2);
        TopologyId topologyId = TopologyId.of(NAME + "-it");
        Path stateRoot = directory.resolve("state");
        try (TestingFileStateStore store = new TestingFileStateStore(stateRoot)) {
            store.create(definition, packingPlan, executionState(definition, topologyId));
        }
        Path topologyPackage = writePackage(definition);

        for (int container = 0; container <= 2; container++) {
            start(container, topologyId, stateRoot, topologyPackage);
        }
        TopologyMasterLocation master = awaitValue(() -> masterLocation(stateRoot));

        // Counts grow.
        TopologyRuntimeStatus first = awaitValue(() -> status(master)
                .filter(status -> count(status, "count").executed() > 5_000
                        && status.containersAlive().equals(Map.of(1, true, 2, true))));
        assertThat(count(first, "sentence").instances()).isEqualTo(2);

        // Deactivated: spouts stop, and once the queues drained nothing is executed any more.
        assertThat(post(master, "/deactivate?topologyid=" + topologyId)).isEqualTo(200);
        TimeUnit.MILLISECONDS.sleep(1_200);
        TopologyRuntimeStatus paused = status(master).orElseThrow();
        TimeUnit.MILLISECONDS.sleep(1_200);
        TopologyRuntimeStatus stillPaused = status(master).orElseThrow();
        assertThat(stillPaused.state()).isEqualTo(TopologyState.PAUSED);
        assertThat(count(stillPaused, "sentence").emitted())
                .isEqualTo(count(paused, "sentence").emitted());
        assertThat(count(stillPaused, "count").executed())
                .isEqualTo(count(paused, "count").executed());

        // Activated: counts grow again.
        assertThat(post(master, "/activate?topologyid=" + topologyId)).isEqualTo(200);
        long countedWhilePaused = count(stillPaused, "count").executed();
        awaitValue(() ->
                status(master).filter(status -> count(status, "count").executed() > countedWhilePaused + 5_000));

        // A container dies and comes back: it rejoins the physical plan and counts keep growing.
        processes.get(2).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        awaitValue(
                () -> status(master).filter(status -> !status.containersAlive().get(2)));
        start(2, topologyId, stateRoot, topologyPackage);
        TopologyRuntimeStatus rejoined = awaitValue(() ->
                status(master).filter(status -> status.containersAlive().equals(Map.of(1, true, 2, true))));
        long countedAtRejoin = count(rejoined, "count").executed();
        awaitValue(() -> status(master).filter(status -> count(status, "count").executed() > countedAtRejoin + 5_000));
        assertThat(Files.readString(stateRoot.resolve("pplans").resolve(NAME))).contains("\"version\"");

        // The topology master dies and comes back on new ports: stream managers find it and register again.
        processes.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        start(0, topologyId, stateRoot, topologyPackage);
        TopologyMasterLocation restarted =
                awaitValue(() -> masterLocation(stateRoot).filter(location -> !location.equals(master)));
        TopologyRuntimeStatus afterRestart = awaitValue(() -> status(restarted)
                .filter(status -> status.containersAlive().equals(Map.of(1, true, 2, true))
                        && count(status, "count").executed() > 0));
        long countedAfterRestart = count(afterRestart, "count").executed();
        awaitValue(() ->
                status(restarted).filter(status -> count(status, "count").executed() > countedAfterRestart + 5_000));

        // SIGTERM: every executor shuts down cleanly, and no process is left.
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Map.Entry<Integer, Process> entry : processes.entrySet()) {
            assertThat(entry.getValue().waitFor(10, TimeUnit.SECONDS))
                    .as("container %s stopped", entry.getKey())
                    .isTrue();
            assertThat(entry.getValue().exitValue())
                    .as("container %s exit code; log:%n%s", entry.getKey(), log(entry.getKey()))
                    .isZero();
        }
        assertThat(everyProcess).noneMatch(Process::isAlive);
    }

    /** The production main on the real module path: help works, and a missing state store is a clear error. */
    @Test
    void productionMainRunsOnTheModulePath() throws Exception {
        Process help = new ProcessBuilder(
                        javaCommand("io.egret.executor/io.egret.executor.ExecutorMain", false, "--help"))
                .redirectErrorStream(true)
                .start();
        everyProcess.add(help);
        String helpText = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(helpText).contains("Usage: heron-executor", "--container-id=N");

        Process unwired = new ProcessBuilder(javaCommand(
                        "io.egret.executor/io.egret.executor.ExecutorMain",
                        false,
                        "--topology-name=" + NAME,
                        "--topology-id=x",
                        "--container-id=0",
                        "--state-root=" + directory))
                .redirectErrorStream(true)
                .start();
        everyProcess.add(unwired);
        String output = new String(unwired.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unwired.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(unwired.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("packaged without a state store");
    }

    private static List<String> javaCommand(String mainModuleAndClass, boolean withTestFixtures, String... arguments)
            throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String modulePath = target.resolve("classes")
                + File.pathSeparator
                + Files.readString(target.resolve("runtime-module-path.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--module-path",
                modulePath));
        if (withTestFixtures) {
            command.addAll(List.of("--patch-module", "io.egret.executor=" + target.resolve("test-classes")));
        }
        command.addAll(List.of("-m", mainModuleAndClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private void start(int container, TopologyId topologyId, Path stateRoot, Path topologyPackage) throws IOException {
        List<String> command = javaCommand(
                "io.egret.executor/io.egret.executor.TestingExecutorMain",
                true,
                "--topology-name=" + NAME,
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

    private String log(int container) {
        try {
            return Files.readString(directory.resolve("container-" + container + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static ExecutionState executionState(TopologyDefinition definition, TopologyId topologyId) {
        return new ExecutionState(
                definition.name(),
                topologyId,
                new ClusterTarget("local", "tester", "default"),
                "tester",
                Instant.now(),
                "test",
                TopologyState.RUNNING,
                Optional.empty());
    }

    /** topology.tar.gz as the packager writes it: the author's jar, the definition and a config snapshot. */
    private Path writePackage(TopologyDefinition definition) throws Exception {
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
            add(tar, NAME + ".defn.json", EgretJson.toBytes(definition));
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

    private static Optional<TopologyMasterLocation> masterLocation(Path stateRoot) {
        TestingFileStateStore store = new TestingFileStateStore(stateRoot);
        try (store) {
            return store.read(TopologyName.of(NAME)).flatMap(StoredTopology::topologyMaster);
        }
    }

    private static ComponentStatistics count(TopologyRuntimeStatus status, String component) {
        return status.components().stream()
                .filter(statistics -> statistics.component().equals(component))
                .findFirst()
                .orElseThrow();
    }

    private static Optional<TopologyRuntimeStatus> status(TopologyMasterLocation master) {
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

    private static int post(TopologyMasterLocation master, String pathAndQuery) throws IOException {
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

    private static <T> T awaitValue(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
