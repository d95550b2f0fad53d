package io.egret.adapters.hdfs.internal;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.hdfs.HdfsAdapterConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Heron's HDFS uploader, in process through the Hadoop client API (no {@code hadoop} binary), content-addressed:
 * a package is stored as {@code <topologies directory>/<sha256>/topology.tar.gz}, so an unchanged package is found
 * by one metadata call and not sent again.
 *
 * <p>The bytes go to a hidden temporary file beside the target, are checked against the package's SHA-256, and
 * only then renamed into place, so a container never fetches a partial package. If the upload fails (the
 * NameNode stopped, say), the temporary file is deleted; when even that is impossible, the next upload of the same
 * content deletes it. {@link #undo} deletes only a package this upload stored.
 */
public final class HdfsUploader implements UploaderPort {
    static final String PACKAGE_FILE_NAME = "topology.tar.gz";

    private static final String TEMPORARY_PREFIX = "." + PACKAGE_FILE_NAME + ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final long PROGRESS_STEP = 1024L * 1024;
    private static final int BUFFER = 1024 * 1024;
    private static final String OPERATION = "submit";
    private static final String STEP = "upload package";

    private final HdfsAdapterConfig config;
    private final Configuration hadoop;
    private final ProgressPort progress;

    public HdfsUploader(HdfsAdapterConfig config, Configuration hadoop, ProgressPort progress) {
        this.config = requireNonNull(config, "config is null");
        this.hadoop = requireNonNull(hadoop, "hadoop is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage) {
        requireNonNull(target, "target is null");
        requireNonNull(topologyPackage, "topologyPackage is null");
        Path directory =
                new Path(HadoopClients.uri(directory(target, topologyPackage), HdfsAdapterConfig.TOPOLOGIES_DIRECTORY));
        Path contentDirectory = new Path(directory, topologyPackage.sha256());
        Path stored = new Path(contentDirectory, PACKAGE_FILE_NAME);
        String action = "cannot upload the topology package to " + stored;
        long start = System.nanoTime();
        try (FileSystem fileSystem = HadoopClients.open(stored.toUri(), hadoop)) {
            URI uri = fileSystem.makeQualified(stored).toUri();
            action = "cannot upload the topology package to " + uri;
            if (isStored(fileSystem, stored, topologyPackage)) {
                advanced("already stored at " + uri + "; 0 bytes sent", start);
                return new UploadedPackage(uri, topologyPackage.sha256(), false);
            }
            removeStaleTemporaries(fileSystem, contentDirectory);
            boolean created = write(fileSystem, contentDirectory, stored, topologyPackage, uri, start);
            advanced((created ? "sent " + size(topologyPackage.size()) + " to " : "stored meanwhile at ") + uri, start);
            return new UploadedPackage(uri, topologyPackage.sha256(), created);
        } catch (IOException e) {
            throw HdfsFailures.translate(e, action, HadoopClients.describe(stored.toUri(), hadoop));
        }
    }

    @Override
    public void undo(UploadedPackage uploaded) {
        requireNonNull(uploaded, "uploaded is null");
        if (!uploaded.created()) {
            return;
        }
        Path stored = new Path(uploaded.uri());
        try (FileSystem fileSystem = HadoopClients.open(uploaded.uri(), hadoop)) {
            fileSystem.delete(stored, false);
            Path contentDirectory = stored.getParent();
            FileStatus[] left = fileSystem.exists(contentDirectory) ? fileSystem.listStatus(contentDirectory) : null;
            if (left != null && left.length == 0) {
                fileSystem.delete(contentDirectory, false);
            }
        } catch (IOException e) {
            throw HdfsFailures.translate(
                    e,
                    "cannot remove the uploaded package " + uploaded.uri(),
                    HadoopClients.describe(uploaded.uri(), hadoop));
        }
    }

    /** The topologies directory with the per-topology tokens filled in. */
    String directory(ClusterTarget target, TopologyPackage topologyPackage) {
        String directory = config.topologiesDirectory();
        for (Map.Entry<String, String> token : Map.of(
                        "${CLUSTER}", target.cluster(),
                        "${ROLE}", target.role(),
                        "${ENVIRON}", target.environ(),
                        "${TOPOLOGY}", topologyPackage.name().value())
                .entrySet()) {
            directory = directory.replace(token.getKey(), token.getValue());
        }
        return directory;
    }

    private static boolean isStored(FileSystem fileSystem, Path stored, TopologyPackage topologyPackage)
            throws IOException {
        if (!fileSystem.exists(stored)) {
            return false;
        }
        // The path holds the digest and appears only by rename after a digest check: only the size can differ,
        // if someone wrote it by hand, and then it is replaced.
        return fileSystem.getFileStatus(stored).getLen() == topologyPackage.size();
    }

    /** @return whether this upload stored the package (false: a concurrent upload of the same content won) */
    private boolean write(
            FileSystem fileSystem,
            Path contentDirectory,
            Path stored,
            TopologyPackage topologyPackage,
            URI uri,
            long start)
            throws IOException {
        fileSystem.mkdirs(contentDirectory);
        Path temporary = new Path(contentDirectory, TEMPORARY_PREFIX + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            String written = copy(fileSystem, temporary, topologyPackage, uri, start);
            if (!written.equals(topologyPackage.sha256())) {
                throw EgretException.userError("topology package " + topologyPackage.file()
                        + " changed while it was uploaded: its SHA-256 is now " + written + ", expected "
                        + topologyPackage.sha256() + "; submit again");
            }
            if (fileSystem.exists(stored)) {
                fileSystem.delete(stored, false);
            }
            if (fileSystem.rename(temporary, stored)) {
                return true;
            }
            if (fileSystem.exists(stored)) {
                fileSystem.delete(temporary, false);
                return false;
            }
            throw new IOException("rename of " + temporary + " to " + stored + " failed");
        } catch (IOException | RuntimeException e) {
            removePartial(fileSystem, temporary, e);
            throw e;
        }
    }

    private String copy(FileSystem fileSystem, Path temporary, TopologyPackage topologyPackage, URI uri, long start)
            throws IOException {
        MessageDigest digest = sha256();
        long size = topologyPackage.size();
        try (InputStream input = Files.newInputStream(topologyPackage.file())) {
            // Not a try-with-resources: HDFS's output stream rethrows the write's own exception from close(), and
            // adding an exception to itself as suppressed throws IllegalArgumentException instead of the failure.
            OutputStream output = fileSystem.create(temporary, false);
            Exception failure = null;
            try {
                send(input, output, digest, size, uri, start);
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                closeAfter(output, failure);
            }
        } catch (NoSuchFileException e) {
            throw EgretException.userError("topology package " + topologyPackage.file() + " does not exist");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void send(InputStream input, OutputStream output, MessageDigest digest, long size, URI uri, long start)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long sent = 0;
        long reported = 0;
        int read;
        while ((read = input.read(buffer)) >= 0) {
            output.write(buffer, 0, read);
            digest.update(buffer, 0, read);
            sent += read;
            if (sent - reported >= PROGRESS_STEP && sent < size) {
                reported = sent;
                advanced(
                        String.format(
                                Locale.ROOT, "%s of %s to %s (%d %%)", size(sent), size(size), uri, sent * 100 / size),
                        start);
            }
        }
    }

    /** Closes {@code output}; after a failure, a different close failure is kept as suppressed, the same one not. */
    private static void closeAfter(OutputStream output, Exception failure) throws IOException {
        if (failure == null) {
            output.close();
            return;
        }
        try {
            output.close();
        } catch (IOException | RuntimeException closeFailure) {
            if (closeFailure != failure) {
                failure.addSuppressed(closeFailure);
            }
        }
    }

    /** Deletes the temporary file of a failed upload; if that fails too, the failure says where it is. */
    private static void removePartial(FileSystem fileSystem, Path temporary, Throwable failure) {
        try {
            fileSystem.delete(temporary, false);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new IOException(
                    "the partial upload " + temporary
                            + " could not be removed now; the next upload of this package removes it",
                    e));
        }
    }

    /** Temporary files of earlier failed uploads of the same content, left when the NameNode was gone. */
    private static void removeStaleTemporaries(FileSystem fileSystem, Path contentDirectory) throws IOException {
        if (!fileSystem.exists(contentDirectory)) {
            return;
        }
        for (FileStatus status : fileSystem.listStatus(contentDirectory)) {
            String name = status.getPath().getName();
            if (name.startsWith(TEMPORARY_PREFIX) && name.endsWith(TEMPORARY_SUFFIX)) {
                fileSystem.delete(status.getPath(), false);
            }
        }
    }

    private void advanced(String detail, long start) {
        progress.report(new ProgressEvent(
                OPERATION, STEP, ProgressEvent.Status.ADVANCED, detail, Duration.ofNanos(System.nanoTime() - start)));
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? bytes + " bytes"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
