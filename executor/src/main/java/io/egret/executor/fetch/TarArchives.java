package io.egret.executor.fetch;

import io.egret.domain.error.EgretException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks fetched {@code .tar} and {@code .tar.gz} packages, keeping file modes (the core package's binaries stay
 * executable) and refusing entries or links that would land outside the directory.
 */
public final class TarArchives {
    private static final PosixFilePermission[] MODE_BITS = {
        PosixFilePermission.OTHERS_EXECUTE,
        PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
    };

    private TarArchives() {}

    /** Whether a file of this name is unpacked: {@code .tar}, {@code .tar.gz} and {@code .tgz}. */
    public static boolean isArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tar") || lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
    }

    /**
     * Unpacks {@code archive} (tar, gzip-compressed or not, recognised by content) into {@code directory}.
     *
     * @throws EgretException {@code USER_ERROR} if it is not a readable tar or holds an entry pointing outside
     */
    public static void extract(Path archive, Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(file))) {
            TarArchiveEntry entry;
            boolean any = false;
            while ((entry = tar.getNextEntry()) != null) {
                any = true;
                Path target = inside(root, root.resolve(entry.getName()), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    inside(root, target.getParent().resolve(entry.getLinkName()), entry.getLinkName());
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                } else {
                    throw EgretException.userError("the archive holds '" + entry.getName()
                            + "', which is neither a file, a directory nor a symbolic link");
                }
            }
            if (!any) {
                throw EgretException.userError("the archive is empty or not a tar file");
            }
        } catch (IOException e) {
            throw EgretException.userError("cannot unpack it into " + root + ": " + e.getMessage());
        }
    }

    // Gzip is recognised by its magic number, not by the file name.
    private static InputStream decompressed(InputStream file) throws IOException {
        file.mark(2);
        int first = file.read();
        int second = file.read();
        file.reset();
        return first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(file) : file;
    }

    private static Path inside(Path root, Path candidate, String name) {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(root)) {
            throw EgretException.userError("the archive entry '" + name + "' points outside " + root + "; refused");
        }
        return normalized;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < MODE_BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(MODE_BITS[bit]);
            }
        }
        // Whatever the archive says, the owner must be able to read and replace what was unpacked.
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }
}
