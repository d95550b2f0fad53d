package io.egret.ports.out;

import java.util.Map;
import java.util.Set;

/**
 * Opens the package fetchers of one storage technology. Containers find providers as services, so the code that
 * starts a container names no storage technology: a storage adapter provides one, and every installation that
 * ships the adapter can fetch from that storage.
 */
public interface PackageFetcherProvider {

    /** The URI schemes this provider's fetchers read, in lower case. */
    Set<String> schemes();

    /**
     * A fetcher configured from Heron config keys (the uploader's keys, such as its region or endpoint); keys that
     * are absent fall back to the storage client's own defaults (environment, default config files).
     *
     * @param config Heron config keys and their values; may hold secrets, which the fetcher never prints
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if a value is malformed
     */
    PackageFetcherPort open(Map<String, String> config);
}
