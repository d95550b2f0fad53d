package io.egret.executor.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.executor.DownloaderMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class DownloaderMainTest {
    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void unpacksAnArchiveKeepingExecutableBitsAndVerifyingTheDigest() throws IOException {
        Path archive = coreArchive();
        String uri = PackageUri.withSha256(archive.toUri(), PackageFetchers.sha256(archive))
                .toString();
        Path destination = directory.resolve("sandbox");

        int exit = run(uri, destination.toString());

        assertThat(exit).isZero();
        assertThat(destination.resolve("heron-core/bin/heron-executor")).hasContent("#!/bin/sh\necho hi\n");
        assertThat(Files.getPosixFilePermissions(destination.resolve("heron-core/bin/heron-executor")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        try (var files = Files.list(destination)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("heron-core");
        }
    }

    @Test
    void keepsOtherFilesUnderTheirNameAndArchivesWithNoExtract() throws IOException {
        Path jar = Files.writeString(directory.resolve("topology.jar"), "PK");
        Path archive = coreArchive();

        assertThat(run(jar.toUri().toString(), directory.resolve("a").toString()))
                .isZero();
        assertThat(run(
                        "--no-extract",
                        archive.toUri().toString(),
                        directory.resolve("b").toString()))
                .isZero();

        assertThat(directory.resolve("a/topology.jar")).hasContent("PK");
        assertThat(directory.resolve("b/heron-core.tar.gz")).hasSameBinaryContentAs(archive);
    }

    @Test
    void aFailedFetchIsOneLineWithTheExitCodeAndLeavesNothing() {
        Path destination = directory.resolve("sandbox");
        String missing = directory.resolve("none.tar.gz").toUri().toString();

        int exit = run(missing, destination.toString());

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString(UTF_8))
                .startsWith("heron-downloader: cannot fetch " + missing + ": ")
                .hasLineCount(1);
        assertThat(destination).isEmptyDirectory();
    }

    @Test
    void aCorruptPackageIsRefused() throws IOException {
        Path archive = coreArchive();
        String uri = PackageUri.withSha256(archive.toUri(), "0".repeat(64)).toString();

        assertThat(run(uri, directory.resolve("sandbox").toString())).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("changed or corrupted in storage");
        assertThat(directory.resolve("sandbox")).isEmptyDirectory();
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("only-one")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("expected URI and DEST-DIR");
        assertThat(run("--help")).isZero();
        assertThat(out.toString(UTF_8)).contains("Usage: heron-downloader");
    }

    private int run(String... args) {
        return DownloaderMain.run(args, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
    }

    private Path coreArchive() throws IOException {
        Path archive = directory.resolve("heron-core.tar.gz");
        byte[] script = "#!/bin/sh\necho hi\n".getBytes(UTF_8);
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            TarArchiveEntry entry = new TarArchiveEntry("heron-core/bin/heron-executor");
            entry.setMode(0755);
            entry.setSize(script.length);
            tar.putArchiveEntry(entry);
            tar.write(script);
            tar.closeArchiveEntry();
        }
        return archive;
    }
}
