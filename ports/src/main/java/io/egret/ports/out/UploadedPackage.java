package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where an uploaded package can be fetched from.
 *
 * @param created whether this upload stored the package; false when the same content was already there, in
 *     which case undoing the upload leaves it alone
 */
public record UploadedPackage(URI uri, String sha256, boolean created) {
    public UploadedPackage {
        requireNonNull(uri, "uri is null");
        requireNonNull(sha256, "sha256 is null");
    }
}
