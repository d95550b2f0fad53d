package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An exclusive lock across threads and processes on one lock file, released by {@link #close} or by the death of
 * the holding process. The lock file is created on demand; its holder may delete it ({@link #deleteFile}) when
 * what it guards is gone. A waiter that opened the deleted file then holds a lock on nothing, so every acquirer
 * checks, once locked, that the path still names the file it locked (same file key), and starts over if not.
 */
public final class FileMutex implements AutoCloseable {
    private static final long RETRY_MILLIS = 20;
    private static final Object NO_FILE_KEY = new Object();

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Semaphore permit;
    private boolean closed;

    private FileMutex(Path lockFile, FileChannel channel, FileLock lock, Semaphore permit) {
        this.lockFile = lockFile;
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
            while (true) {
                Files.createDirectories(lockFile.toAbsolutePath().getParent());
                Optional<Object> opened = fileKey(lockFile);
                try {
                    channel = FileChannel.open(
                            lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException e) {
                    // Its directory was removed with the last lock file in it: create it again.
                    continue;
                }
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    if (opened.isPresent() && opened.equals(fileKey(lockFile))) {
                        return Optional.of(new FileMutex(lockFile, channel, lock, permit));
                    }
                    // The holder deleted the file meanwhile (or it was created just now): lock the current one.
                    lock.release();
                    channel.close();
                    channel = null;
                    continue;
                }
                channel.close();
                channel = null;
                if (System.nanoTime() - deadline >= 0) {
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

    /**
     * Deletes the lock file while holding it, for when what it guards is gone; anyone waiting on it starts over
     * on a new file.
     */
    public synchronized void deleteFile() throws IOException {
        if (closed) {
            throw new IllegalStateException("the lock on " + lockFile + " is released");
        }
        Files.deleteIfExists(lockFile);
    }

    private static Optional<Object> fileKey(Path path) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return Optional.of(key == null ? NO_FILE_KEY : key);
        } catch (NoSuchFileException e) {
            return Optional.empty();
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
