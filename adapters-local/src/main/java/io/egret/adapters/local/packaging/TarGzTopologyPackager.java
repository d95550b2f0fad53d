package io.egret.adapters.local.packaging;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.egret.adapters.local.files.OwnedTemporaryDirectories;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.PackageRequest;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.TopologyPackagerPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Builds {@code topology.tar.gz} as Heron lays it out: the author's file under its own name, the topology
 * definition as {@code <topology>.defn.json}, and the effective config as {@code heron-conf/effective.json}.
 *
 * <p>The archive is reproducible: entries are sorted, timestamps, owners and modes are fixed, JSON maps are
 * written in key order and the gzip header carries no time or file name. So the same inputs always give the
 * same SHA-256, which is what lets the uploader skip an unchanged package.
 */
public final class TarGzTopologyPackager implements TopologyPackagerPort {
    /** The archive's file name. */
    public static final String PACKAGE_FILE_NAME = "topology.tar.gz";
    /** Where the config snapshot sits inside the archive. */
    public static final String CONFIG_ENTRY = "heron-conf/effective.json";
    /** The suffix of the definition entry, after the topology name. */
    public static final String DEFINITION_SUFFIX = ".defn.json";

    private static final String TEMPORARY_PREFIX = "egret-package-";
    // 2000-01-01: any fixed time works; zero upsets some tar readers.
    private static final Instant FIXED_TIME = Instant.parse("2000-01-01T00:00:00Z");
    private static final int FILE_MODE = 0100644;
    private static final int DIRECTORY_MODE = 040755;

    private final Path temporaryRoot;
    private final OwnedTemporaryDirectories directories;

    /** Packages in private directories under the system's temporary directory. */
    public TarGzTopologyPackager() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Packages in private directories under {@code temporaryRoot}. */
    public TarGzTopologyPackager(Path temporaryRoot) {
        this.temporaryRoot = requireNonNull(temporaryRoot, "temporaryRoot is null");
        this.directories = new OwnedTemporaryDirectories(temporaryRoot, TEMPORARY_PREFIX, Clock.systemUTC());
    }

    @Override
    public TopologyPackage build(PackageRequest request) {
        requireNonNull(request, "request is null");
        Path topologyFile = request.topologyFile();
        if (!Files.isRegularFile(topologyFile) || !Files.isReadable(topologyFile)) {
            throw EgretException.userError("cannot read topology file " + topologyFile.toAbsolutePath()
                    + ": it does not exist, is not a regular file or is not readable");
        }
        String topologyEntry = topologyFile.getFileName().toString();
        String definitionEntry = request.definition().name() + DEFINITION_SUFFIX;
        if (topologyEntry.equals(definitionEntry) || topologyEntry.equals("heron-conf")) {
            throw EgretException.userError("the topology file " + topologyFile.toAbsolutePath() + " has a name the"
                    + " package reserves (" + topologyEntry + "); rename it");
        }
        byte[] definition = canonicalJson(request.definition());
        byte[] config = canonicalJson(new TreeMap<>(request.config()));
        Path directory;
        try {
            // Readable by this user only: the package may hold config secrets. Directories left by a CLI that was
            // killed before discarding its package are removed here.
            directory = directories.create();
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot create a temporary directory under " + temporaryRoot + ": " + e, e);
        }
        Path archive = directory.resolve(PACKAGE_FILE_NAME);
        MessageDigest digest = sha256();
        try (OutputStream file = Files.newOutputStream(archive);
                DigestOutputStream digested = new DigestOutputStream(file, digest);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(digested, gzipParameters());
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Entry> entries = List.of(
                    new Entry(topologyEntry, null, topologyFile),
                    new Entry(definitionEntry, definition, null),
                    new Entry("heron-conf/", null, null),
                    new Entry(CONFIG_ENTRY, config, null));
            for (Entry entry :
                    entries.stream().sorted(Comparator.comparing(Entry::name)).toList()) {
                write(tar, entry);
            }
        } catch (IOException e) {
            EgretException failure = readFailure(topologyFile, archive, e);
            deleteInto(failure, archive, directory);
            throw failure;
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        try {
            return new TopologyPackage(request.definition().name(), archive, sha256, Files.size(archive));
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot read the size of " + archive + ": " + e, e);
        }
    }

    @Override
    public void discard(TopologyPackage topologyPackage) {
        requireNonNull(topologyPackage, "topologyPackage is null");
        Path file = topologyPackage.file();
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.deleteIfExists(file);
            // Only the private directory this packager made; never a directory the caller chose.
            if (directory != null && directory.getFileName().toString().startsWith(TEMPORARY_PREFIX)) {
                Files.deleteIfExists(directory);
            }
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot delete topology package " + file + ": " + e, e);
        }
    }

    private static void write(TarArchiveOutputStream tar, Entry entry) throws IOException {
        TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name());
        tarEntry.setModTime(FIXED_TIME.toEpochMilli());
        tarEntry.setUserId(0);
        tarEntry.setGroupId(0);
        tarEntry.setUserName("");
        tarEntry.setGroupName("");
        if (entry.name().endsWith("/")) {
            tarEntry.setMode(DIRECTORY_MODE);
            tar.putArchiveEntry(tarEntry);
            tar.closeArchiveEntry();
            return;
        }
        tarEntry.setMode(FILE_MODE);
        if (entry.content() != null) {
            tarEntry.setSize(entry.content().length);
            tar.putArchiveEntry(tarEntry);
            tar.write(entry.content());
        } else {
            tarEntry.setSize(Files.size(entry.source()));
            tar.putArchiveEntry(tarEntry);
            try (InputStream input = Files.newInputStream(entry.source())) {
                input.transferTo(tar);
            }
        }
        tar.closeArchiveEntry();
    }

    private static EgretException readFailure(Path topologyFile, Path archive, IOException cause) {
        if (!Files.isReadable(topologyFile)) {
            return new EgretException(
                    ErrorCode.USER_ERROR,
                    "cannot read topology file " + topologyFile.toAbsolutePath() + ": " + cause,
                    cause);
        }
        return new EgretException(ErrorCode.INTERNAL, "cannot write topology package " + archive + ": " + cause, cause);
    }

    private static void deleteInto(EgretException failure, Path archive, Path directory) {
        try {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static byte[] canonicalJson(Object value) {
        ObjectWriter writer = EgretJson.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static GzipParameters gzipParameters() {
        GzipParameters parameters = new GzipParameters();
        parameters.setModificationTime(0);
        return parameters;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One archive entry: literal content, a file to copy, or (neither) a directory. */
    private record Entry(String name, byte[] content, Path source) {}
}
