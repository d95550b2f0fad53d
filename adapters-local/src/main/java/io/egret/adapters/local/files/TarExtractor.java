package io.egret.adapters.local.files;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a {@code .tar} or {@code .tar.gz} into a directory, keeping file modes (the core package's binaries must stay
 * executable) and refusing any entry or link that would land outside the directory.
 */
public final class TarExtractor {
    private TarExtractor() {}

    /**
     * Unpacks {@code archive}, a tar file, gzip-compressed or not, into {@code directory}.
     *
     * @param what what the archive is, for messages ("topology package")
     * @throws EgretException {@code USER_ERROR} if it cannot be read or holds an entry pointing outside
     */
    public static void extract(Path archive, Path directory, String what) {
        Path root = directory.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = inside(root, root.resolve(entry.getName()), entry.getName(), what);
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    inside(root, target.getParent().resolve(entry.getLinkName()), entry.getLinkName(), what);
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                } else {
                    throw EgretException.userError("the " + what + " " + archive + " holds '" + entry.getName()
                            + "', which is neither a file, a directory nor a symbolic link");
                }
            }
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.USER_ERROR, "cannot unpack the " + what + " " + archive + " into " + root + ": " + e, e);
        }
    }

    // Gzip is recognised by its magic number, not by the file name, which authors choose.
    private static InputStream decompressed(InputStream file) throws IOException {
        file.mark(2);
        int first = file.read();
        int second = file.read();
        file.reset();
        return first == 0x1f && second == 0x8b ? new GzipCompressorInputStream(file) : file;
    }

    private static Path inside(Path root, Path candidate, String name, String what) {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(root)) {
            throw EgretException.userError(
                    "the " + what + " holds the entry '" + name + "', which points outside " + root + "; refused");
        }
        return normalized;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
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
        for (int bit = 0; bit < bits.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(bits[bit]);
            }
        }
        // Whatever the archive says, the owner must be able to read what was unpacked.
        permissions.add(PosixFilePermission.OWNER_READ);
        permissions.add(PosixFilePermission.OWNER_WRITE);
        return permissions;
    }
}
