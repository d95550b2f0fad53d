package io.egret.adapters.local.packaging;

import static io.egret.adapters.local.testing.TestingTopologies.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.out.PackageRequest;
import io.egret.ports.out.TopologyPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TarGzTopologyPackagerTest {
    @TempDir
    Path directory;

    @Test
    void containsTheJarTheDefinitionAndTheConfigInSortedOrder() throws IOException {
        Path jar = jar("my-topology.jar", "jar bytes");
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory.resolve("tmp"));

        TopologyPackage built = packager.build(new PackageRequest(
                definition("wordcount"), jar, Map.of("heron.statemgr.root.path", "/s", "a.key", "1")));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<TarArchiveEntry> headers = new ArrayList<>();
        try (InputStream file = Files.newInputStream(built.file());
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                headers.add(entry);
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        assertThat(entries.keySet())
                .containsExactly("heron-conf/", "heron-conf/effective.json", "my-topology.jar", "wordcount.defn.json");
        assertThat(new String(entries.get("my-topology.jar"), StandardCharsets.UTF_8))
                .isEqualTo("jar bytes");
        assertThat(EgretJson.fromBytes(entries.get("wordcount.defn.json"), TopologyDefinition.class))
                .isEqualTo(definition("wordcount"));
        assertThat(new String(entries.get("heron-conf/effective.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"a.key\":\"1\",\"heron.statemgr.root.path\":\"/s\"}");
        assertThat(headers)
                .allSatisfy(header ->
                        assertThat(header.getModTime().toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z")));
        assertThat(built.name().value()).isEqualTo("wordcount");
        assertThat(built.size()).isEqualTo(Files.size(built.file()));
        assertThat(built.sha256()).isEqualTo(sha256(built.file()));
        assertThat(built.file().getFileName().toString()).isEqualTo("topology.tar.gz");
        assertThat(built.file().getParent().getParent()).isEqualTo(directory.resolve("tmp"));
    }

    @Test
    void theSameInputsGiveTheSameDigest() throws IOException {
        Path jar = jar("topology.jar", "identical");
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory);
        Map<String, String> config = new LinkedHashMap<>();
        for (int key = 0; key < 50; key++) {
            config.put("key." + key, "value " + key);
        }
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(config.keySet());
        for (int index = keys.size() - 1; index >= 0; index--) {
            reversed.put(keys.get(index), config.get(keys.get(index)));
        }

        TopologyPackage first = packager.build(new PackageRequest(definition("wordcount"), jar, config));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        TopologyPackage second = packager.build(new PackageRequest(definition("wordcount"), jar, reversed));

        assertThat(second.file()).isNotEqualTo(first.file());
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
    }

    @Test
    void differentInputsGiveDifferentDigests() throws IOException {
        Path jar = jar("topology.jar", "identical");
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory);

        TopologyPackage base = packager.build(new PackageRequest(definition("wordcount"), jar, Map.of("k", "1")));
        TopologyPackage otherConfig =
                packager.build(new PackageRequest(definition("wordcount"), jar, Map.of("k", "2")));
        TopologyPackage otherDefinition =
                packager.build(new PackageRequest(definition("wordcount2"), jar, Map.of("k", "1")));

        assertThat(List.of(base.sha256(), otherConfig.sha256(), otherDefinition.sha256()))
                .doesNotHaveDuplicates();
    }

    @Test
    void aMissingTopologyFileIsAUserErrorWithItsPath() throws IOException {
        Path missing = directory.resolve("nowhere.jar");
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory.resolve("tmp"));

        assertThatThrownBy(() -> packager.build(new PackageRequest(definition("wordcount"), missing, Map.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining(missing.toString())
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
        assertThat(directory.resolve("tmp")).doesNotExist();
    }

    @Test
    void aDirectoryIsNotATopologyFile() {
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory.resolve("tmp"));

        assertThatThrownBy(() -> packager.build(new PackageRequest(definition("wordcount"), directory, Map.of())))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("not a regular file")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void discardDeletesThePackageAndItsPrivateDirectoryAndToleratesRepeats() throws IOException {
        TarGzTopologyPackager packager = new TarGzTopologyPackager(directory);
        TopologyPackage built =
                packager.build(new PackageRequest(definition("wordcount"), jar("t.jar", "x"), Map.of()));

        packager.discard(built);
        packager.discard(built);

        assertThat(built.file()).doesNotExist();
        assertThat(built.file().getParent()).doesNotExist();
        assertThat(directory).exists();
    }

    private Path jar(String name, String content) throws IOException {
        Path jar = directory.resolve(name);
        Files.writeString(jar, content);
        return jar;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
