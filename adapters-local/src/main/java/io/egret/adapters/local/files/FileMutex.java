package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock across threads and processes on one lock file, released by {@link #close} or by the death of
 * the holding process. The lock file is created on demand and never deleted: a waiter that opened the old file
 * would otherwise lock a deleted file while another process locks its replacement.
 */
public final class FileMutex implements AutoCloseable {
    private static final long RETRY_MILLIS = 20;

    private final FileChannel channel;
    private final FileLock lock;
    private final Semaphore permit;
    private boolean closed;

    private FileMutex(FileChannel channel, FileLock lock, Semaphore permit) {
        this.channel = channel;
        this.lock = lock;
        this.permit = permit;
    }

    /**
     * Takes the lock, waiting at most {@code timeout}; empty if another thread or process still holds it then.
     *
     * @throws IOException if the lock file cannot be created or locked
     */
    public static Optional<FileMutex> tryAcquire(Path lockFile, Duration timeout) throws IOException {
        requireNonNull(lockFile, "lockFile is null");
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore permit = ProcessLocalLocks.permitFor(lockFile);
        try {
            if (!permit.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + lockFile, e);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.toAbsolutePath().getParent());
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(new FileMutex(channel, lock, permit));
                }
                if (System.nanoTime() - deadline >= 0) {
                    channel.close();
                    permit.release();
                    return Optional.empty();
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException | RuntimeException e) {
            closeKeepingFailure(channel, e);
            permit.release();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IOException failure = new IOException("interrupted while waiting for " + lockFile, e);
            closeKeepingFailure(channel, failure);
            permit.release();
            throw failure;
        }
    }

    /** The locked file's channel, for reading or writing who holds the lock. */
    public FileChannel channel() {
        return channel;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel toClose = channel) {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release a file lock", e);
        } finally {
            permit.release();
        }
    }

    // The original failure is what the caller needs; a failing close is attached to it, not lost.
    private static void closeKeepingFailure(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
