package io.egret.adapters.local.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OwnedTemporaryDirectoriesTest {
    private static final String PREFIX = "egret-package-";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path root;

    @Test
    void aNewDirectoryIsNamedAfterThisProcessAndPrivate() throws IOException {
        Path made = at(NOW).create();

        assertThat(made.getParent()).isEqualTo(root);
        assertThat(made.getFileName().toString())
                .startsWith(PREFIX + ProcessHandle.current().pid() + "-");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
                .isEqualTo("rwx------");
    }

    @Test
    void anOldDirectoryOfADeadProcessIsRemovedByTheNextCreate() throws Exception {
        Path abandoned = Files.createDirectory(root.resolve(PREFIX + deadPid() + "-12345"));
        Files.writeString(abandoned.resolve("topology.tar.gz"), "left by a CLI killed mid-submit");
        Files.setLastModifiedTime(abandoned, FileTime.from(NOW.minus(Duration.ofHours(2))));

        at(NOW).create();

        assertThat(abandoned).doesNotExist();
    }

    @Test
    void aDirectoryOfALiveProcessARecentOneAndOtherNamesStay() throws Exception {
        Path live = directoryOf(ProcessHandle.current().pid(), NOW.minus(Duration.ofHours(2)));
        // The owner may be alive in another PID namespace sharing this root: too recent to be called abandoned.
        Path recent = directoryOf(deadPid(), NOW.minus(Duration.ofMinutes(5)));
        Path foreign = Files.createDirectory(root.resolve("someone-else-123-x"));
        Path unparsable = Files.createDirectory(root.resolve(PREFIX + "x-1"));
        Files.setLastModifiedTime(foreign, FileTime.from(NOW.minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(unparsable, FileTime.from(NOW.minus(Duration.ofDays(1))));

        at(NOW).create();

        assertThat(live).isDirectory();
        assertThat(recent).isDirectory();
        assertThat(foreign).isDirectory();
        assertThat(unparsable).isDirectory();
    }

    private OwnedTemporaryDirectories at(Instant now) {
        return new OwnedTemporaryDirectories(root, PREFIX, Clock.fixed(now, ZoneOffset.UTC));
    }

    private Path directoryOf(long pid, Instant modified) throws IOException {
        Path directory = Files.createDirectory(root.resolve(PREFIX + pid + "-12345"));
        Files.setLastModifiedTime(directory, FileTime.from(modified));
        return directory;
    }

    /** The PID of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        long pid = process.pid();
        process.waitFor();
        return pid;
    }
}
