package io.egret.adapters.s3;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the S3 uploader and fetcher, from Heron's keys (and Egret's for what Heron lacked).
 *
 * @param bucket {@value #BUCKET}; empty only for a fetcher, which reads the bucket from each URI
 * @param pathPrefix {@value #PATH_PREFIX} (Heron's default {@code /}); may hold {@code ${CLUSTER}}, {@code ${ROLE}},
 *     {@code ${ENVIRON}} and {@code ${TOPOLOGY}}, filled in per upload
 * @param region {@value #REGION}; when empty, the AWS default region chain, then Heron's {@code us-west-2}
 * @param endpoint {@value #ENDPOINT}: the endpoint of an S3-compatible store
 * @param pathStyle {@value #PATH_STYLE}: bucket in the path rather than the host name; when unset, on with an
 *     endpoint (S3-compatible stores) and off for AWS
 * @param proxy {@value #PROXY}: the HTTP(S) proxy every request goes through, with optional user and password
 * @param credentials where the credentials come from
 * @param multipartThreshold {@value #MULTIPART_THRESHOLD}: packages larger than this go in parts
 * @param partSize {@value #PART_SIZE}: the size of each part (S3's minimum is 5 MiB)
 * @param connectTimeout connect timeout of every request
 * @param readTimeout read timeout of every request
 */
public record S3AdapterConfig(
        String bucket,
        String pathPrefix,
        Optional<String> region,
        Optional<URI> endpoint,
        Optional<Boolean> pathStyle,
        Optional<Proxy> proxy,
        Credentials credentials,
        long multipartThreshold,
        long partSize,
        Duration connectTimeout,
        Duration readTimeout) {
    public static final String BUCKET = "heron.uploader.s3.bucket";
    public static final String PATH_PREFIX = "heron.uploader.s3.path_prefix";
    public static final String ACCESS_KEY = "heron.uploader.s3.access_key";
    public static final String SECRET_KEY = "heron.uploader.s3.secret_key";
    public static final String PROFILE = "heron.uploader.s3.aws_profile";
    public static final String REGION = "heron.uploader.s3.region";
    public static final String ENDPOINT = "heron.uploader.s3.uri";
    public static final String PATH_STYLE = "heron.uploader.s3.path_style";
    public static final String PROXY = "heron.uploader.s3.proxy_uri";
    public static final String MULTIPART_THRESHOLD = "heron.uploader.s3.multipart.threshold.bytes";
    public static final String PART_SIZE = "heron.uploader.s3.multipart.part.size.bytes";

    /** S3's smallest part but the last. */
    public static final long MINIMUM_PART_SIZE = 5L * 1024 * 1024;

    private static final long DEFAULT_THRESHOLD = 16L * 1024 * 1024;
    private static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

    public S3AdapterConfig {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(pathPrefix, "pathPrefix is null");
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(pathStyle, "pathStyle is null");
        requireNonNull(proxy, "proxy is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        if (partSize < MINIMUM_PART_SIZE) {
            throw EgretException.userError(
                    PART_SIZE + " must be at least " + MINIMUM_PART_SIZE + " bytes (S3's minimum), got " + partSize);
        }
        if (multipartThreshold < 0) {
            throw EgretException.userError(MULTIPART_THRESHOLD + " must not be negative, got " + multipartThreshold);
        }
    }

    /**
     * An HTTP(S) proxy ({@value #PROXY}, e.g. {@code http://user:password@proxy.example.com:3128}).
     * {@code toString} never shows the password.
     *
     * @param endpoint the proxy's scheme, host and port, without the user part
     */
    public record Proxy(URI endpoint, Optional<String> username, Optional<String> password) {
        public Proxy {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(username, "username is null");
            requireNonNull(password, "password is null");
        }

        @Override
        public String toString() {
            return "Proxy[" + endpoint + username.map(user -> ", user " + user).orElse("")
                    + password.map(secret -> ", password (redacted)").orElse("") + "]";
        }
    }

    /** Where the credentials come from. {@code toString} never shows a secret. */
    public sealed interface Credentials {}

    /** The AWS SDK's default chain: environment, system properties, profile files, container and instance roles. */
    public record DefaultChain() implements Credentials {}

    /** A named profile of the AWS config and credentials files ({@value #PROFILE}). */
    public record Profile(String name) implements Credentials {
        public Profile {
            requireNonNull(name, "name is null");
        }
    }

    /** Keys written in the cluster config ({@value #ACCESS_KEY} and {@value #SECRET_KEY}). */
    public record StaticKeys(String accessKeyId, String secretAccessKey) implements Credentials {
        public StaticKeys {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
        }

        @Override
        public String toString() {
            return "StaticKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=(redacted)]";
        }
    }

    /**
     * Reads the settings from Heron config keys.
     *
     * @param requireBucket whether {@value #BUCKET} must be set (the uploader needs it; a fetcher does not)
     * @throws EgretException {@code USER_ERROR} naming the key that is missing, malformed or conflicting
     */
    public static S3AdapterConfig fromConfig(Map<String, String> config, boolean requireBucket) {
        requireNonNull(config, "config is null");
        String bucket = value(config, BUCKET).orElse("");
        if (requireBucket && bucket.isEmpty()) {
            throw EgretException.userError("the S3 uploader needs " + BUCKET + " (the bucket packages go to)");
        }
        Optional<Proxy> proxy = value(config, PROXY).map(S3AdapterConfig::proxy);
        Optional<String> accessKey = value(config, ACCESS_KEY);
        Optional<String> secretKey = value(config, SECRET_KEY);
        Optional<String> profile = value(config, PROFILE);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw EgretException.userError("set both " + ACCESS_KEY + " and " + SECRET_KEY + ", or neither (then the"
                    + " AWS default credential chain or " + PROFILE + " is used)");
        }
        if (accessKey.isPresent() && profile.isPresent()) {
            throw EgretException.userError(
                    "set either " + PROFILE + " or " + ACCESS_KEY + "/" + SECRET_KEY + ", not both");
        }
        Credentials credentials = accessKey.isPresent()
                ? new StaticKeys(accessKey.get(), secretKey.orElseThrow())
                : profile.<Credentials>map(Profile::new).orElseGet(DefaultChain::new);
        return new S3AdapterConfig(
                bucket,
                value(config, PATH_PREFIX).orElse("/"),
                value(config, REGION),
                value(config, ENDPOINT).map(S3AdapterConfig::endpoint),
                value(config, PATH_STYLE).map(S3AdapterConfig::bool),
                proxy,
                credentials,
                value(config, MULTIPART_THRESHOLD)
                        .map(text -> bytes(MULTIPART_THRESHOLD, text))
                        .orElse(DEFAULT_THRESHOLD),
                value(config, PART_SIZE).map(text -> bytes(PART_SIZE, text)).orElse(DEFAULT_PART_SIZE),
                Duration.ofSeconds(10),
                Duration.ofSeconds(120));
    }

    /** Whether requests put the bucket in the path. */
    public boolean usesPathStyle() {
        return pathStyle.orElse(endpoint.isPresent());
    }

    /** A copy with other multipart sizes. */
    public S3AdapterConfig withMultipart(long newThreshold, long newPartSize) {
        return new S3AdapterConfig(
                bucket,
                pathPrefix,
                region,
                endpoint,
                pathStyle,
                proxy,
                credentials,
                newThreshold,
                newPartSize,
                connectTimeout,
                readTimeout);
    }

    private static Optional<String> value(Map<String, String> config, String key) {
        return Optional.ofNullable(config.get(key)).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static URI endpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw EgretException.userError(
                        ENDPOINT + " must be an endpoint URL such as https://s3.example.com:9000, got '" + text + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw EgretException.userError(ENDPOINT + " is not a URL: '" + text + "'");
        }
    }

    /** Parses the proxy URI; a message about it never repeats the text, which may hold a password. */
    private static Proxy proxy(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw EgretException.userError(PROXY + " is not a URL such as http://proxy.example.com:3128");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw EgretException.userError(
                    PROXY + " must be an http or https URL such as http://proxy.example.com:3128");
        }
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getUserInfo() != null) {
            String userInfo = uri.getUserInfo();
            int colon = userInfo.indexOf(':');
            username = Optional.of(colon < 0 ? userInfo : userInfo.substring(0, colon))
                    .filter(u -> !u.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(userInfo.substring(colon + 1));
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Proxy(URI.create(scheme + "://" + uri.getHost() + ":" + port), username, password);
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw EgretException.userError(PATH_STYLE + " must be true or false, got '" + text + "'");
        };
    }

    private static long bytes(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EgretException.userError(key + " must be a number of bytes, got '" + text + "'");
        }
    }
}
