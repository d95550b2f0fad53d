package io.egret.adapters.hdfs.internal;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.hdfs.HdfsAdapterConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.PackageLocationTemplate;
import io.egret.domain.topology.TopologyName;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

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
    private static final Pattern CONTENT_DIRECTORY = Pattern.compile("[0-9a-f]{64}");
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
        Path directory = topologyDirectory(target, topologyPackage.name());
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

    /** Every package of the topology: {@code <topology directory>/<sha256>/topology.tar.gz}. */
    @Override
    public List<URI> storedPackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        Path directory = topologyDirectory(target, name);
        try (FileSystem fileSystem = HadoopClients.open(directory.toUri(), hadoop)) {
            return packages(fileSystem, directory).stream()
                    .map(stored -> fileSystem.makeQualified(stored).toUri())
                    .toList();
        } catch (IOException e) {
            throw HdfsFailures.translate(
                    e, "cannot list the packages in " + directory, HadoopClients.describe(directory.toUri(), hadoop));
        }
    }

    /** Deletes every package directory of the topology, and the topology's directory when that leaves it empty. */
    @Override
    public void removePackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        Path directory = topologyDirectory(target, name);
        try (FileSystem fileSystem = HadoopClients.open(directory.toUri(), hadoop)) {
            for (Path stored : packages(fileSystem, directory)) {
                fileSystem.delete(stored.getParent(), true);
            }
            if (fileSystem.exists(directory) && fileSystem.listStatus(directory).length == 0) {
                fileSystem.delete(directory, false);
            }
        } catch (IOException e) {
            throw HdfsFailures.translate(
                    e, "cannot remove the packages in " + directory, HadoopClients.describe(directory.toUri(), hadoop));
        }
    }

    private static List<Path> packages(FileSystem fileSystem, Path directory) throws IOException {
        if (!fileSystem.exists(directory)) {
            return List.of();
        }
        List<Path> packages = new ArrayList<>();
        for (FileStatus entry : fileSystem.listStatus(directory)) {
            Path stored = new Path(entry.getPath(), PACKAGE_FILE_NAME);
            if (entry.isDirectory()
                    && CONTENT_DIRECTORY.matcher(entry.getPath().getName()).matches()
                    && fileSystem.exists(stored)) {
                packages.add(stored);
            }
        }
        return packages;
    }

    /**
     * The directory of one topology's packages: the topologies directory with its tokens filled in, followed by the
     * topology's name when the configured directory does not name it (as the Aurora guide's
     * {@code hdfs://heron/topologies/${CLUSTER}} does), so that each topology's packages can be found and removed.
     */
    Path topologyDirectory(ClusterTarget target, TopologyName name) {
        return new Path(HadoopClients.uri(location().resolve(target, name), HdfsAdapterConfig.TOPOLOGIES_DIRECTORY));
    }

    /** The configured directory, with {@code /${TOPOLOGY}} appended when it does not name the topology. */
    private PackageLocationTemplate location() {
        String template = config.topologiesDirectory();
        return new PackageLocationTemplate(
                template.contains("${TOPOLOGY}") ? template : template.replaceAll("/+$", "") + "/${TOPOLOGY}");
    }

    /** Lists the files under the template's fixed part once and keeps those laid out as packages. */
    @Override
    public List<TopologyName> topologiesWithPackages(String cluster, Optional<String> role, Optional<String> environ) {
        requireNonNull(cluster, "cluster is null");
        PackageLocationTemplate.Search search = location().search(cluster, role, environ);
        Path base = new Path(HadoopClients.uri(search.base(), HdfsAdapterConfig.TOPOLOGIES_DIRECTORY));
        try (FileSystem fileSystem = HadoopClients.open(base.toUri(), hadoop)) {
            if (!fileSystem.exists(base)) {
                return List.of();
            }
            String basePath = fileSystem.makeQualified(base).toUri().getPath();
            Set<TopologyName> names = new TreeSet<>();
            RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(base, true);
            while (files.hasNext()) {
                String path = files.next().getPath().toUri().getPath();
                if (path.startsWith(basePath)) {
                    search.topologyOf(path.substring(basePath.length())).ifPresent(names::add);
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw HdfsFailures.translate(
                    e, "cannot list the packages under " + base, HadoopClients.describe(base.toUri(), hadoop));
        }
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
