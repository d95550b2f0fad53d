package io.egret.ports.out;

import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches a package (a topology package or the core package) from where an uploader or an operator put it, to a
 * local file. Used where containers start and where a launcher prepares a sandbox.
 */
public interface PackageFetcherPort {

    /**
     * Copies the object at {@code uri} to {@code target}. The target appears complete or not at all: a failed fetch
     * leaves no file behind.
     *
     * @param uri where the package is; a fragment {@code #sha256=<hex>} asks for the content to be verified
     * @throws io.egret.domain.error.EgretException {@code NOT_FOUND} if nothing is stored at the URI,
     *     {@code USER_ERROR} if the URI cannot be fetched by any fetcher or the content does not match its digest,
     *     {@code UNREACHABLE} if the storage cannot be reached or refuses access; the message names the URI and
     *     the cause
     */
    void fetch(URI uri, Path target);
}
