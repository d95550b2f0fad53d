package io.egret.ports.out;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

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

    /**
     * Opens the package fetchers of one storage technology. Containers find providers as services, so the code
     * that starts a container names no storage technology: a storage adapter provides one, and every installation
     * that ships the adapter can fetch from that storage.
     */
    interface Provider {

        /** The URI schemes this provider's fetchers read, in lower case. */
        Set<String> schemes();

        /**
         * A fetcher configured from Heron config keys (the uploader's keys, such as its region or endpoint); keys
         * that are absent fall back to the storage client's own defaults (environment, default config files).
         *
         * @param config Heron config keys and their values; may hold secrets, which the fetcher never prints
         * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if a value is malformed
         */
        PackageFetcherPort open(Map<String, String> config);
    }
}
