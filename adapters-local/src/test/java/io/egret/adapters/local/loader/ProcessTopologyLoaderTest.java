package io.egret.adapters.local.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.local.testing.TestingJvm;
import io.egret.adapters.local.testing.TestingProcesses;
import io.egret.adapters.local.testing.TestingTopologies;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.out.LoadRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessTopologyLoaderTest {
    @TempDir
    Path directory;

    private Path topologyJar;
    private ProcessTopologyLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        // The test mains live in the test classes, which are on the API class path below; the jar only has to
        // exist, as an author's jar would.
        topologyJar = Files.write(directory.resolve("topology.jar"), new byte[0]);
        loader = loader(Duration.ofSeconds(60));
    }

    @Test
    void returnsTheDefinitionTheMainClassSubmitted() {
        TopologyDefinition loaded = loader.load(new LoadRequest(
                topologyJar,
                TestingTopologyMains.Submitting.class.getName(),
                List.of("wordcount", "second argument", "third"),
                Map.of("test.property", "value with spaces")));

        assertThat(loaded)
                .isEqualTo(TestingTopologies.definition("wordcount")
                        .withConfig("from.property", "value with spaces")
                        .withConfig("argument.count", "3"));
        assertThat(temporaryLeftovers()).isEmpty();
    }

    @Test
    void anUnknownMainClassIsAUserErrorNamingClassAndJar() {
        assertThatThrownBy(() -> loader.load(new LoadRequest(topologyJar, "com.acme.Missing", List.of(), Map.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("main class com.acme.Missing was not found in " + topologyJar)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
        assertThat(temporaryLeftovers()).isEmpty();
    }

    @Test
    void aThrowingMainIsAUserErrorWithTheAuthorsException() {
        assertThatThrownBy(() -> load(TestingTopologyMains.Throwing.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("failed with exit status 1")
                .hasMessageContaining(
                        "java.lang.IllegalStateException: spout 'sentence' needs the config key sentences.file")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void aMainThatExitsNonZeroIsAUserErrorWithItsStatusAndOutput() {
        assertThatThrownBy(() -> load(TestingTopologyMains.Exiting.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("exit status 3")
                .hasMessageContaining("cannot reach the schema registry")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void aMissingApiIsReportedAsAnIncompleteInstallation() {
        assertThatThrownBy(() -> load(TestingTopologyMains.MissingApi.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("cannot find Egret's API classes")
                .hasMessageContaining("API class path")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void aMainThatNeverSubmitsIsAUserError() {
        assertThatThrownBy(() -> load(TestingTopologyMains.Silent.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("returned without submitting a topology")
                .hasMessageContaining("TopologySubmitter.submitTopology")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void aMainThatSubmitsTwiceIsAUserError() {
        assertThatThrownBy(() -> load(TestingTopologyMains.Twice.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("submitted 2 topologies")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void anInvalidDefinitionIsAUserErrorHintingAtVersionSkew() {
        assertThatThrownBy(() -> load(TestingTopologyMains.Garbage.class))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("invalid topology definition")
                .hasMessageContaining("Egret API version")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void aHangingMainIsKilledWithItsChildrenAfterTheTimeout() throws Exception {
        Path pidFile = directory.resolve("grandchild.pid");
        ProcessTopologyLoader impatient = loader(Duration.ofSeconds(8));

        assertThatThrownBy(() -> impatient.load(new LoadRequest(
                        topologyJar,
                        TestingTopologyMains.Hanging.class.getName(),
                        List.of(pidFile.toString()),
                        Map.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("did not finish within PT8S and was killed")
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));

        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        // SIGKILL was sent before load returned; the kernel may take a moment to finish the process off.
        assertThat(TestingProcesses.awaitEnded(grandchild, Duration.ofSeconds(5)))
                .as("grandchild " + grandchild + " ended")
                .isTrue();
    }

    @Test
    void aMissingTopologyFileIsAUserError() {
        Path missing = directory.resolve("missing.jar");

        assertThatThrownBy(() -> loader.load(new LoadRequest(missing, "x.Main", List.of(), Map.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining(missing.toString())
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.USER_ERROR));
    }

    @Test
    void theCommandLinePutsTheJarFirstAndPropertiesBeforeTheClass() {
        LoadRequest request = new LoadRequest(topologyJar, "com.acme.Main", List.of("a", "b"), Map.of("k", "v"));

        List<String> command =
                loader.command(request, List.of(topologyJar.toString()), directory.resolve("definition.json"));

        assertThat(command.get(1)).isEqualTo("-cp");
        assertThat(command.get(2)).startsWith(topologyJar.toString() + ":");
        assertThat(command.subList(3, command.size()))
                .containsExactly(
                        "-Degret.topology.definition.file=" + directory.resolve("definition.json"),
                        "-Dk=v",
                        "com.acme.Main",
                        "a",
                        "b");
    }

    @Test
    void extraLaunchClassPathEntriesComeAfterTheTopologyAndBeforeTheApi() {
        Path plugins = directory.resolve("plugins.jar");
        LoadRequest request = new LoadRequest(topologyJar, "com.acme.Main", List.of(), Map.of(), List.of(plugins));

        List<String> command =
                loader.command(request, List.of(topologyJar.toString()), directory.resolve("definition.json"));

        assertThat(command.get(2)).startsWith(topologyJar + ":" + plugins.toAbsolutePath());
    }

    @Test
    void aTarTopologyContributesItsJarsAndLibs() throws IOException {
        Path tar = directory.resolve("topology.tar.gz");
        try (OutputStream file = Files.newOutputStream(tar);
                TarArchiveOutputStream archive = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (String name : List.of("topology.jar", "libs/dependency.jar")) {
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(0);
                archive.putArchiveEntry(entry);
                archive.closeArchiveEntry();
            }
        }
        Path work = Files.createDirectories(directory.resolve("work"));

        List<String> classPath = ProcessTopologyLoader.topologyClassPath(tar, work);

        assertThat(classPath)
                .containsExactly(
                        work.resolve("topology").toString(),
                        work.resolve("topology") + "/*",
                        work.resolve("topology/libs") + "/*");
        assertThat(work.resolve("topology/libs/dependency.jar")).exists();
        assertThat(ProcessTopologyLoader.topologyClassPath(topologyJar, work)).containsExactly(topologyJar.toString());
    }

    @Test
    void aTarTopologyLoadsThroughTheSameRun() throws IOException {
        Path tar = directory.resolve("topology.tar");
        try (OutputStream file = Files.newOutputStream(tar);
                TarArchiveOutputStream archive = new TarArchiveOutputStream(file)) {
            TarArchiveEntry entry = new TarArchiveEntry("README");
            entry.setSize(0);
            archive.putArchiveEntry(entry);
            archive.closeArchiveEntry();
        }

        TopologyDefinition loaded = loader.load(
                new LoadRequest(tar, TestingTopologyMains.Submitting.class.getName(), List.of("from-tar"), Map.of()));

        assertThat(loaded.name().value()).isEqualTo("from-tar");
    }

    private TopologyDefinition load(Class<?> mainClass) {
        return loader.load(new LoadRequest(topologyJar, mainClass.getName(), List.of(), Map.of()));
    }

    private ProcessTopologyLoader loader(Duration timeout) {
        List<Path> apiClassPath = TestingJvm.classPath().stream().map(Path::of).toList();
        return new ProcessTopologyLoader(TestingJvm.javaBinary(), apiClassPath, timeout, directory.resolve("tmp"));
    }

    private List<Path> temporaryLeftovers() {
        try (Stream<Path> files = Files.list(directory.resolve("tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
