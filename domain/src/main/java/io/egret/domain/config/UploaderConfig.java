package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where topology packages are uploaded: the uploader and its own settings.
 *
 * @param kind from {@code heron.class.uploader}
 * @param settings the selected uploader's settings
 */
public record UploaderConfig(UploaderKind kind, Settings settings) {
    public UploaderConfig {
        requireNonNull(kind, "kind is null");
        requireNonNull(settings, "settings is null");
        if (settings.kind() != kind) {
            throw new IllegalArgumentException("settings for " + settings.kind() + " given for " + kind);
        }
    }

    /**
     * Reads the uploader keys. The configuration must be bound to the command's cluster target and topology when
     * the directory uses {@code ${ROLE}} or {@code ${TOPOLOGY}}.
     */
    public static UploaderConfig from(EffectiveConfig config) {
        UploaderKind kind = UploaderKind.fromConfig(config);
        Settings settings = switch (kind) {
            case LOCAL_FS -> new LocalFileSystem(config.required(ConfigKey.LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY));
            case HDFS ->
                new Hdfs(
                        config.string(ConfigKey.HDFS_CONFIG_DIRECTORY),
                        config.required(ConfigKey.HDFS_TOPOLOGIES_DIRECTORY_URI));
            case S3 -> S3.from(config);
            case SCP, HTTP, GCS, DISTRIBUTED_LOG, NULL ->
                throw EgretException.userError("the " + kind.shortName() + " uploader is not available in this build");
        };
        return new UploaderConfig(kind, settings);
    }

    /** The keys of {@link #containerFetchSettings}: none of them is a secret. */
    private static final List<ConfigKey> S3_FETCH_KEYS =
            List.of(ConfigKey.S3_URI, ConfigKey.S3_REGION, ConfigKey.S3_PATH_STYLE, ConfigKey.S3_AWS_PROFILE);

    /**
     * What a container needs to fetch the package this uploader stored, for schedulers to hand to the executor:
     * an S3 store's endpoint, region, path style and named profile, by their uploader key names, in key order. Never a secret,
     * since job definitions are readable by whoever can read the cluster's scheduler: containers authenticate with
     * their own host's credentials (the AWS default chain: an instance role, the agent's environment, its profile
     * file), never with the CLI's static keys, and a proxy with a password is not handed on. HDFS and the local
     * file system need nothing here (agents use their own Hadoop configuration).
     */
    public static Map<String, String> containerFetchSettings(EffectiveConfig config) {
        Map<String, String> settings = new TreeMap<>();
        switch (UploaderKind.fromConfig(config)) {
            case S3 -> {
                for (ConfigKey key : S3_FETCH_KEYS) {
                    config.string(key).ifPresent(value -> settings.put(key.key(), value));
                }
            }
            case LOCAL_FS, HDFS, SCP, HTTP, GCS, DISTRIBUTED_LOG, NULL -> {
                // Nothing: the scheme's fetcher needs no setting from the uploader.
            }
        }
        return Collections.unmodifiableMap(settings);
    }

    /** The selected uploader's own settings. */
    public sealed interface Settings permits LocalFileSystem, Hdfs, S3 {
        UploaderKind kind();
    }

    /** @param directory {@code heron.uploader.localfs.file.system.directory} */
    public record LocalFileSystem(String directory) implements Settings {
        public LocalFileSystem {
            requireNonNull(directory, "directory is null");
        }

        @Override
        public UploaderKind kind() {
            return UploaderKind.LOCAL_FS;
        }
    }

    /**
     * @param configDirectory {@code heron.uploader.hdfs.config.directory}: Hadoop's configuration
     * @param topologiesDirectoryUri {@code heron.uploader.hdfs.topologies.directory.uri}
     */
    public record Hdfs(Optional<String> configDirectory, String topologiesDirectoryUri) implements Settings {
        public Hdfs {
            requireNonNull(configDirectory, "configDirectory is null");
            requireNonNull(topologiesDirectoryUri, "topologiesDirectoryUri is null");
        }

        @Override
        public UploaderKind kind() {
            return UploaderKind.HDFS;
        }
    }

    /**
     * S3 or an S3-compatible store. Credentials are static keys, a named profile, or (neither) the default chain.
     *
     * @param bucket {@code heron.uploader.s3.bucket}
     * @param pathPrefix {@code heron.uploader.s3.path_prefix}
     * @param accessKey {@code heron.uploader.s3.access_key}, given together with the secret key
     * @param secretKey {@code heron.uploader.s3.secret_key}
     * @param awsProfile {@code heron.uploader.s3.aws_profile}, not together with keys
     * @param region {@code heron.uploader.s3.region}
     * @param endpoint {@code heron.uploader.s3.uri}: a custom endpoint
     * @param proxyUri {@code heron.uploader.s3.proxy_uri}, may carry user:password
     */
    public record S3(
            String bucket,
            String pathPrefix,
            Optional<SecretValue> accessKey,
            Optional<SecretValue> secretKey,
            Optional<String> awsProfile,
            Optional<String> region,
            Optional<URI> endpoint,
            Optional<SecretValue> proxyUri)
            implements Settings {
        public S3 {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(pathPrefix, "pathPrefix is null");
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            requireNonNull(awsProfile, "awsProfile is null");
            requireNonNull(region, "region is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(proxyUri, "proxyUri is null");
            if (accessKey.isPresent() != secretKey.isPresent()) {
                throw EgretException.userError("set both " + ConfigKey.S3_ACCESS_KEY.key() + " and "
                        + ConfigKey.S3_SECRET_KEY.key() + ", or neither");
            }
            if (accessKey.isPresent() && awsProfile.isPresent()) {
                throw EgretException.userError("set either " + ConfigKey.S3_AWS_PROFILE.key() + " or "
                        + ConfigKey.S3_ACCESS_KEY.key() + " and " + ConfigKey.S3_SECRET_KEY.key() + ", not both");
            }
        }

        static S3 from(EffectiveConfig config) {
            return new S3(
                    config.required(ConfigKey.S3_BUCKET),
                    config.string(ConfigKey.S3_PATH_PREFIX).orElse("/"),
                    config.string(ConfigKey.S3_ACCESS_KEY).map(SecretValue::new),
                    config.string(ConfigKey.S3_SECRET_KEY).map(SecretValue::new),
                    config.string(ConfigKey.S3_AWS_PROFILE),
                    config.string(ConfigKey.S3_REGION),
                    config.string(ConfigKey.S3_URI).map(value -> endpoint(config, value)),
                    config.string(ConfigKey.S3_PROXY_URI).map(SecretValue::new));
        }

        @Override
        public UploaderKind kind() {
            return UploaderKind.S3;
        }

        private static URI endpoint(EffectiveConfig config, String value) {
            try {
                return new URI(value);
            } catch (URISyntaxException e) {
                throw EgretException.userError(ConfigKey.S3_URI.key() + " is '"
                        + Redaction.redact(ConfigKey.S3_URI.key(), value) + "' in "
                        + config.source(ConfigKey.S3_URI).orElseThrow() + "; expected a URI such as "
                        + "https://s3.example.com");
            }
        }
    }
}
