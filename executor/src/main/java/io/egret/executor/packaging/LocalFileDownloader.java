package io.egret.executor.packaging;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Copies a package from a {@code file:} URI (the local uploader's output). */
public final class LocalFileDownloader implements PackageDownloader {

    @Override
    public boolean supports(URI uri) {
        return "file".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public void download(URI uri, Path target) {
        requireNonNull(uri, "uri is null");
        requireNonNull(target, "target is null");
        Path source = Path.of(uri);
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new EgretException(ErrorCode.NOT_FOUND, "no topology package at " + uri, e);
        } catch (IOException e) {
            throw EgretException.internal("cannot copy the topology package " + uri + " to " + target, e);
        }
    }
}
