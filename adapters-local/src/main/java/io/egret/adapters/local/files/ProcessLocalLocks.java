package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * One permit per lock file for the whole JVM, taken before a lock file is opened.
 *
 * <p>Why a JVM-wide table: file locks belong to the process, not to a channel. On Linux closing <em>any</em>
 * channel on a file drops every lock this process holds on it, and a second lock attempt from the same JVM
 * fails with {@code OverlappingFileLockException} instead of waiting. So at most one channel per lock file may
 * be open in a JVM at a time, whichever store instance opened it; this table enforces that. Entries are never
 * removed: there is one per topology name ever locked, which is small.
 */
public final class ProcessLocalLocks {
    private static final ConcurrentMap<Path, Semaphore> PERMITS = new ConcurrentHashMap<>();

    private ProcessLocalLocks() {}

    /** The permit guarding {@code lockFile}; callers acquire it before opening the file and release it after. */
    public static Semaphore permitFor(Path lockFile) {
        requireNonNull(lockFile, "lockFile is null");
        return PERMITS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new Semaphore(1, true));
    }
}
