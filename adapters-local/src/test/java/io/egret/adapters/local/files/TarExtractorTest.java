package io.egret.adapters.local.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TarExtractorTest {
    @TempDir
    Path directory;

    @Test
    void unpacksFilesWithTheirModesAndLinksInside() throws IOException {
        Path archive = archive(
                new Item("bin/run", "#!/bin/sh\n", 0100755, null),
                new Item("conf/a.yaml", "a: 1\n", 0100600, null),
                new Item("conf/current", "", 0120777, "a.yaml"));
        Path target = directory.resolve("out");

        TarExtractor.extract(archive, target, "core package");

        assertThat(Files.isExecutable(target.resolve("bin/run"))).isTrue();
        assertThat(target.resolve("conf/a.yaml")).hasContent("a: 1");
        assertThat(Files.isSymbolicLink(target.resolve("conf/current"))).isTrue();
        assertThat(target.resolve("conf/current")).hasContent("a: 1");
    }

    @Test
    void entriesOutsideTheDirectoryAreRefused() throws IOException {
        Path archive = archive(new Item("../escaped", "x", 0100644, null));
        Path target = directory.resolve("out");

        assertThatThrownBy(() -> TarExtractor.extract(archive, target, "topology package"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("'../escaped'")
                .hasMessageContaining("outside")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
        assertThat(directory.resolve("escaped")).doesNotExist();
    }

    @Test
    void linksPointingOutsideAreRefused() throws IOException {
        Path archive = archive(new Item("passwd", "", 0120777, "../../../etc/passwd"));

        assertThatThrownBy(() -> TarExtractor.extract(archive, directory.resolve("out"), "topology package"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("outside");
    }

    @Test
    void anUncompressedTarIsUnpackedToo() throws IOException {
        Path archive = directory.resolve("plain.tar");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            TarArchiveEntry entry = new TarArchiveEntry("libs/dependency.jar");
            entry.setSize(3);
            tar.putArchiveEntry(entry);
            tar.write("jar".getBytes(UTF_8));
            tar.closeArchiveEntry();
        }

        TarExtractor.extract(archive, directory.resolve("out"), "topology package");

        assertThat(directory.resolve("out/libs/dependency.jar")).hasContent("jar");
    }

    private record Item(String name, String content, int mode, String linkTarget) {}

    private Path archive(Item... items) throws IOException {
        Path archive = directory.resolve("archive.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (Item item : items) {
                TarArchiveEntry entry;
                if (item.linkTarget() != null) {
                    entry = new TarArchiveEntry(item.name(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(item.linkTarget());
                } else {
                    entry = new TarArchiveEntry(item.name());
                    entry.setSize(item.content().getBytes(UTF_8).length);
                }
                entry.setMode(item.mode());
                tar.putArchiveEntry(entry);
                if (item.linkTarget() == null) {
                    tar.write(item.content().getBytes(UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }
}
