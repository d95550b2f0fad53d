package io.egret.executor.fetch;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package URI as schedulers hand it to containers: where the package is, and optionally its content digest in
 * the fragment, {@code #sha256=<64 hex digits>}. The fragment is never sent to the storage (HTTP clients drop it
 * too), so a job file may carry it through any fetch command.
 *
 * @param location the URI without the fragment
 * @param sha256 the expected lower-case hex SHA-256, when the URI carries one
 */
public record PackageUri(URI location, Optional<String> sha256) {
    private static final String DIGEST_PREFIX = "sha256=";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PackageUri {
        requireNonNull(location, "location is null");
        requireNonNull(sha256, "sha256 is null");
    }

    /**
     * @throws EgretException {@code USER_ERROR} if the URI has no scheme or a fragment other than a SHA-256 digest
     */
    public static PackageUri parse(URI uri) {
        requireNonNull(uri, "uri is null");
        if (uri.getScheme() == null) {
            throw EgretException.userError("package URI '" + uri + "' has no scheme; write it as file:///path,"
                    + " http(s)://host/path, hdfs://namenode/path or s3://bucket/key");
        }
        String fragment = uri.getFragment();
        Optional<String> digest = Optional.empty();
        if (fragment != null) {
            String lower = fragment.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(DIGEST_PREFIX)
                    || !SHA256.matcher(lower.substring(DIGEST_PREFIX.length())).matches()) {
                throw EgretException.userError("package URI '" + uri + "' has the fragment '#" + fragment
                        + "'; the only fragment understood is #sha256=<64 hex digits>");
            }
            digest = Optional.of(lower.substring(DIGEST_PREFIX.length()));
        }
        return new PackageUri(withoutFragment(uri), digest);
    }

    /** {@code uri} with {@code #sha256=<digest>}, for job files that hand the URI to a fetch command. */
    public static URI withSha256(URI uri, String sha256) {
        requireNonNull(sha256, "sha256 is null");
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return URI.create(withoutFragment(uri) + "#" + DIGEST_PREFIX + sha256);
    }

    /** The lower-case scheme. */
    public String scheme() {
        return location.getScheme().toLowerCase(Locale.ROOT);
    }

    private static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), uri.getRawSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            // Unreachable: the parts come from a valid URI.
            throw new IllegalArgumentException("cannot drop the fragment of " + uri, e);
        }
    }
}
