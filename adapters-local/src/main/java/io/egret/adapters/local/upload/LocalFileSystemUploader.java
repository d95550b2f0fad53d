package io.egret.adapters.local.upload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.egret.adapters.local.files.FileMutex;
import io.egret.adapters.local.files.PathTemplate;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Heron's {@code localfs} uploader, content-addressed: a package is stored as
 * {@code <directory>/<sha256>/topology.tar.gz}, where the directory comes from
 * {@code heron.uploader.localfs.file.system.directory}. An unchanged package is not copied again.
 *
 * <p>Several submissions can share one stored package, so each stored package counts the submissions that use
 * it in {@code <sha256>/uses}: an upload adds one, {@link #undo} removes one and deletes the package only when no
 * submission uses it any more. Both happen under a file lock per package, so concurrent uploads and undos from
 * different processes agree. Successful submissions never undo, so their packages stay.
 */
public final class LocalFileSystemUploader implements UploaderPort {
    /** Heron's key for the target directory. */
    public static final String DIRECTORY_KEY = "heron.uploader.localfs.file.system.directory";
    /** The archive name inside each content directory, as containers expect it. */
    public static final String PACKAGE_FILE_NAME = "topology.tar.gz";

    private static final String USES_FILE_NAME = "uses";
    private static final String LOCKS_DIRECTORY = ".locks";
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final PathTemplate directory;

    /**
     * @param directoryTemplate {@value #DIRECTORY_KEY} with every token but {@code ${CLUSTER}}, {@code ${ROLE}},
     *     {@code ${ENVIRON}} and {@code ${TOPOLOGY}} substituted; those four are filled in per upload (Heron's
     *     default is {@code ${HOME}/.herondata/repository/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}})
     */
    public LocalFileSystemUploader(String directoryTemplate) {
        this.directory =
                new PathTemplate(DIRECTORY_KEY, requireNonNull(directoryTemplate, "directoryTemplate is null"));
    }

    @Override
    public UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage) {
        requireNonNull(target, "target is null");
        requireNonNull(topologyPackage, "topologyPackage is null");
        Path contentDirectory =
                directory.resolve(target, topologyPackage.name()).resolve(topologyPackage.sha256());
        Path stored = contentDirectory.resolve(PACKAGE_FILE_NAME);
        try (FileMutex mutex = lockPackage(contentDirectory)) {
            boolean existed = Files.exists(stored);
            try {
                if (!existed) {
                    copy(topologyPackage, contentDirectory, stored);
                }
                Path uses = contentDirectory.resolve(USES_FILE_NAME);
                // A package stored before use counting (or by hand) has unknown users: count them as one.
                int current = readUses(uses).orElse(existed ? 1 : 0);
                writeUses(uses, current + 1);
            } catch (IOException | RuntimeException e) {
                // A failed first upload (a full disk, say) takes back what it made: no package, no lock.
                if (!existed) {
                    removeQuietly(contentDirectory, mutex, e);
                }
                throw e;
            }
            return new UploadedPackage(stored.toUri(), topologyPackage.sha256(), !existed);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE,
                    "cannot upload topology package " + topologyPackage.file() + " to " + stored + ": " + e,
                    e);
        }
    }

    @Override
    public void undo(UploadedPackage uploaded) {
        requireNonNull(uploaded, "uploaded is null");
        if (!"file".equals(uploaded.uri().getScheme())) {
            throw new IllegalArgumentException("not a local file package: " + uploaded.uri());
        }
        if (!SHA256.matcher(uploaded.sha256()).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + uploaded.sha256());
        }
        Path stored = Path.of(uploaded.uri());
        Path contentDirectory = stored.getParent();
        if (!contentDirectory.getFileName().toString().equals(uploaded.sha256())) {
            throw new IllegalArgumentException(
                    "package " + uploaded.uri() + " is not stored under its digest " + uploaded.sha256());
        }
        try (FileMutex mutex = lockPackage(contentDirectory)) {
            Path uses = contentDirectory.resolve(USES_FILE_NAME);
            int remaining = readUses(uses).orElse(uploaded.created() ? 1 : 2) - 1;
            if (remaining > 0) {
                writeUses(uses, remaining);
                return;
            }
            remove(contentDirectory, mutex);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot remove uploaded topology package " + stored + ": " + e, e);
        }
    }

    @Override
    public List<URI> storedPackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        Path topologyDirectory = directory.resolve(target, name);
        try {
            List<URI> packages = new ArrayList<>();
            for (Path contentDirectory : contentDirectories(topologyDirectory)) {
                packages.add(contentDirectory.resolve(PACKAGE_FILE_NAME).toUri());
            }
            return packages;
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot list uploaded packages in " + topologyDirectory + ": " + e, e);
        }
    }

    @Override
    public void removePackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        Path topologyDirectory = directory.resolve(target, name);
        try {
            for (Path contentDirectory : contentDirectories(topologyDirectory)) {
                try (FileMutex mutex = lockPackage(contentDirectory)) {
                    remove(contentDirectory, mutex);
                }
            }
            // Lock files of packages that are gone (a crash between creating the lock and the package).
            Path locks = topologyDirectory.resolve(LOCKS_DIRECTORY);
            if (Files.isDirectory(locks)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(locks, "*.lock")) {
                    for (Path lockFile : files) {
                        String digest = lockFile.getFileName().toString().replaceFirst("\\.lock$", "");
                        if (SHA256.matcher(digest).matches()) {
                            try (FileMutex mutex = lockPackage(topologyDirectory.resolve(digest))) {
                                remove(topologyDirectory.resolve(digest), mutex);
                            }
                        }
                    }
                }
            }
            deleteIfEmpty(locks);
            deleteIfEmpty(topologyDirectory);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot remove uploaded packages in " + topologyDirectory + ": " + e, e);
        }
    }

    @Override
    public List<TopologyName> topologiesWithPackages(String cluster, Optional<String> role, Optional<String> environ) {
        requireNonNull(cluster, "cluster is null");
        try {
            Set<TopologyName> names = new TreeSet<>();
            for (PathTemplate.Match match : directory.existing(cluster, role, environ)) {
                if (hasPackageFiles(match.directory())) {
                    names.add(match.name());
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot list uploaded packages under " + DIRECTORY_KEY + ": " + e, e);
        }
    }

    /** The content directories (named by a SHA-256) under a topology's upload directory. */
    private static List<Path> contentDirectories(Path topologyDirectory) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(topologyDirectory)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                topologyDirectory,
                entry -> Files.isDirectory(entry)
                        && SHA256.matcher(entry.getFileName().toString()).matches())) {
            entries.forEach(found::add);
        }
        found.sort(null);
        return found;
    }

    private static boolean hasPackageFiles(Path topologyDirectory) throws IOException {
        if (!contentDirectories(topologyDirectory).isEmpty()) {
            return true;
        }
        Path locks = topologyDirectory.resolve(LOCKS_DIRECTORY);
        if (!Files.isDirectory(locks)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(locks, "*.lock")) {
            return files.iterator().hasNext();
        }
    }

    /** Removes a content directory and its lock, the lock held; then the lock directory if that left it empty. */
    private static void remove(Path contentDirectory, FileMutex mutex) throws IOException {
        if (Files.isDirectory(contentDirectory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(contentDirectory)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
        Files.deleteIfExists(contentDirectory);
        mutex.deleteFile();
        deleteIfEmpty(contentDirectory.resolveSibling(LOCKS_DIRECTORY));
        deleteIfEmpty(contentDirectory.getParent());
    }

    private static void removeQuietly(Path contentDirectory, FileMutex mutex, Exception failure) {
        try {
            remove(contentDirectory, mutex);
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private static void deleteIfEmpty(Path directory) throws IOException {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException e) {
            // Still in use.
        }
    }

    private static FileMutex lockPackage(Path contentDirectory) throws IOException {
        Path lockFile =
                contentDirectory.resolveSibling(LOCKS_DIRECTORY).resolve(contentDirectory.getFileName() + ".lock");
        return FileMutex.tryAcquire(lockFile, LOCK_TIMEOUT)
                .orElseThrow(() -> new IOException("another upload has held " + lockFile + " for more than "
                        + LOCK_TIMEOUT + "; check for a hung heron process"));
    }

    private static void copy(TopologyPackage topologyPackage, Path contentDirectory, Path stored) throws IOException {
        Files.createDirectories(contentDirectory);
        Path temporary = contentDirectory.resolve("." + PACKAGE_FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        try {
            MessageDigest digest = sha256();
            try (InputStream input = Files.newInputStream(topologyPackage.file());
                    OutputStream output = new DigestOutputStream(
                            Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW), digest)) {
                input.transferTo(output);
            }
            String copied = HexFormat.of().formatHex(digest.digest());
            if (!copied.equals(topologyPackage.sha256())) {
                throw new IOException("the package changed while it was uploaded: its SHA-256 is now " + copied
                        + ", expected " + topologyPackage.sha256());
            }
            // A hard link never replaces: the stored file appears complete, exactly once.
            Files.createLink(stored, temporary);
        } catch (NoSuchFileException e) {
            throw EgretException.userError("topology package " + topologyPackage.file() + " does not exist");
        } catch (FileAlreadyExistsException e) {
            throw new IOException("package appeared while holding its lock: " + stored, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Optional<Integer> readUses(Path uses) throws IOException {
        try {
            String text = Files.readString(uses, UTF_8).strip();
            return Optional.of(Integer.parseInt(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException e) {
            throw new IOException("use count " + uses + " is corrupt: " + e.getMessage(), e);
        }
    }

    private static void writeUses(Path uses, int count) throws IOException {
        Path temporary = uses.resolveSibling("." + USES_FILE_NAME + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temporary, Integer.toString(count), UTF_8, StandardOpenOption.CREATE_NEW);
        Files.move(temporary, uses, StandardCopyOption.ATOMIC_MOVE);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
