package io.egret.executor.fetch;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.PackageFetcherPort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a {@code file:} URI (a shared directory, or the local uploader's store). */
final class FileFetcher implements PackageFetcherPort {

    @Override
    public void fetch(URI uri, Path target) {
        Path source;
        try {
            source = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw EgretException.userError(
                    "'" + uri + "' is not a local file URI (" + e.getMessage() + "); write file:///absolute/path");
        }
        if (Files.isDirectory(source)) {
            throw EgretException.userError(source + " is a directory, not a package");
        }
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw EgretException.notFound(source + " does not exist");
        } catch (AccessDeniedException e) {
            throw new EgretException(ErrorCode.UNREACHABLE, "permission denied reading " + source, e);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.UNREACHABLE, "cannot copy " + source + ": " + e, e);
        }
    }
}
