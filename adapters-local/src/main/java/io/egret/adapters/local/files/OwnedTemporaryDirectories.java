package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Private temporary directories named after the process that made them ({@code <prefix><pid>-<random>}), so that
 * one left by a process that died before removing it (a CLI killed in the middle of a submit) is removed by the
 * next process that makes one under the same root.
 *
 * <p>A directory is removed only when its owner is not alive in this process's view <em>and</em> it has not
 * changed for {@link #ABANDONED_AFTER}: a process in another PID namespace that shares the temporary root may look
 * dead from here, and must not lose a package it is still uploading. Removal is best effort: what cannot be
 * removed (another user's directory) is left alone.
 */
public final class OwnedTemporaryDirectories {
    /** How long a directory of a dead owner must have been untouched before it is removed. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final Path root;
    private final String prefix;
    private final Clock clock;

    public OwnedTemporaryDirectories(Path root, String prefix, Clock clock) {
        this.root = requireNonNull(root, "root is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Removes abandoned directories, then makes a new one readable by this user only. */
    public Path create() throws IOException {
        Files.createDirectories(root);
        removeAbandoned();
        return Files.createTempDirectory(root, prefix + ProcessHandle.current().pid() + "-");
    }

    /** Whether a directory name is one of these, whoever made it. */
    public boolean owns(Path directory) {
        return owner(directory.getFileName().toString()).isPresent();
    }

    /** Removes every directory under the root whose owner is gone and that has not changed for a while. */
    public void removeAbandoned() {
        Instant cutoff = clock.instant().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, prefix + "*")) {
            for (Path entry : entries) {
                OptionalLong pid = owner(entry.getFileName().toString());
                if (pid.isEmpty()
                        || isAlive(pid.getAsLong())
                        || !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        || Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .isAfter(cutoff)) {
                    continue;
                }
                deleteTree(entry);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a leftover of someone else's must never fail this process's own work.
        }
    }

    private OptionalLong owner(String name) {
        if (!name.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        String rest = name.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            for (Path file : deepestFirst) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // Left for a later attempt.
        }
    }
}
