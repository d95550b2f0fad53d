package io.egret.executor.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.examples.WordCount;
import io.egret.executor.fetch.PackageFetchers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TopologyPackageReaderTest {

    @TempDir
    Path directory;

    @Test
    void fetchesUnpacksAndReadsTheDefinition() throws IOException {
        TopologyDefinition definition = WordCount.topology(1).toDefinition("word-count", WordCount.config(1));
        Path archive = tarGz(Map.of(
                "word-count.defn.json", EgretJson.toBytes(definition),
                "examples.jar", new byte[] {'P', 'K'},
                "heron-conf/client.yaml", "x: 1\n".getBytes(StandardCharsets.UTF_8)));

        TopologyPackageReader.UnpackedPackage unpacked = new TopologyPackageReader(PackageFetchers.installed(Map.of()))
                .fetch(archive.toUri(), TopologyName.of("word-count"), "", directory.resolve("work"));

        assertThat(unpacked.definition()).isEqualTo(definition);
        assertThat(unpacked.jars())
                .extracting(path -> path.getFileName().toString())
                .containsExactly("examples.jar");
        assertThat(unpacked.directory().resolve("heron-conf/client.yaml")).exists();
    }

    @Test
    void readsAPackageTheSchedulerAlreadyUnpacked() throws IOException {
        TopologyDefinition definition = WordCount.topology(1).toDefinition("word-count", WordCount.config(1));
        Files.write(directory.resolve("word-count.defn.json"), EgretJson.toBytes(definition));
        Files.write(directory.resolve("examples.jar"), new byte[] {'P', 'K'});

        TopologyPackageReader.UnpackedPackage unpacked = new TopologyPackageReader(PackageFetchers.installed(Map.of()))
                .readUnpacked(directory, TopologyName.of("word-count"), "");

        assertThat(unpacked.definition()).isEqualTo(definition);
        assertThat(unpacked.jars()).containsExactly(directory.resolve("examples.jar"));
    }

    @Test
    void refusesEntriesOutsideThePackageDirectory() throws IOException {
        Path archive = tarGz(Map.of("../escaped.txt", new byte[] {1}));

        assertThatThrownBy(() -> TopologyPackageReader.unpack(archive, directory.resolve("work")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("points outside the package directory");
        assertThat(directory.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void namesTheMissingDefinitionAndUnknownSchemes() throws IOException {
        Path archive = tarGz(Map.of("examples.jar", new byte[] {'P', 'K'}));
        TopologyPackageReader reader = new TopologyPackageReader(PackageFetchers.installed(Map.of()));

        assertThatThrownBy(() -> reader.fetch(archive.toUri(), TopologyName.of("demo"), "", directory))
                .hasMessageContaining("has no demo.defn.json");
        assertThatThrownBy(() -> reader.fetch(
                        java.net.URI.create("s3://bucket/topology.tar.gz"), TopologyName.of("demo"), "", directory))
                .hasMessageContaining("cannot fetch s3://bucket/topology.tar.gz: no fetcher for the scheme 's3'");
    }

    private Path tarGz(Map<String, byte[]> entries) throws IOException {
        Path archive = Files.createTempFile(directory, "topology", ".tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey(), true);
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
