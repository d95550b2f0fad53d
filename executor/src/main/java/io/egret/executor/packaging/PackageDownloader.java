package io.egret.executor.packaging;

import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches a topology package from where the uploader put it. One implementation per uploader kind: local files
 * now; HDFS and S3 downloaders plug in beside it.
 */
public interface PackageDownloader {

    /** Whether this downloader handles the URI's scheme. */
    boolean supports(URI uri);

    /**
     * Copies the package to {@code target}.
     *
     * @throws io.egret.domain.error.EgretException {@code NOT_FOUND} if there is no package at the URI,
     *     {@code UNREACHABLE} if the storage cannot be reached
     */
    void download(URI uri, Path target);
}
