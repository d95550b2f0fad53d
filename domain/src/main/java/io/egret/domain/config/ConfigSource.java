package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

/**
 * Where a configuration value came from, so that every value can be explained and every error can point at the
 * file or flag to change.
 *
 * @param kind the layer the value belongs to
 * @param location the file path or flag value; empty for defaults
 */
public record ConfigSource(Kind kind, String location) {
    /** The layers, lowest precedence first. */
    public enum Kind {
        DEFAULT,
        INSTALLATION,
        CONFIG_LOADER,
        CLUSTER_FILE,
        RELEASE_FILE,
        LEGACY_CONFIG_FILE,
        CONFIG_PROPERTY,
        COMMAND_LINE
    }

    public ConfigSource {
        requireNonNull(kind, "kind is null");
        requireNonNull(location, "location is null");
    }

    /** Egret's built-in default from {@link ConfigKey}. */
    public static ConfigSource defaults() {
        return new ConfigSource(Kind.DEFAULT, "");
    }

    /** Heron home and the cluster directory, as the command found them; cluster files may override them. */
    public static ConfigSource installation(String what) {
        return new ConfigSource(Kind.INSTALLATION, what);
    }

    /** A YAML file of the cluster directory. */
    public static ConfigSource clusterFile(String path) {
        return new ConfigSource(Kind.CLUSTER_FILE, path);
    }

    public static ConfigSource releaseFile(String path) {
        return new ConfigSource(Kind.RELEASE_FILE, path);
    }

    /** A properties file given with {@code --config-file}. */
    public static ConfigSource legacyConfigFile(String path) {
        return new ConfigSource(Kind.LEGACY_CONFIG_FILE, path);
    }

    /** What a {@code --config-loader} class name implies. */
    public static ConfigSource configLoader(String className) {
        return new ConfigSource(Kind.CONFIG_LOADER, className);
    }

    public static ConfigSource configProperty() {
        return new ConfigSource(Kind.CONFIG_PROPERTY, "");
    }

    /** Cluster, role, environ, user and topology as the command names them. */
    public static ConfigSource commandLine() {
        return new ConfigSource(Kind.COMMAND_LINE, "");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DEFAULT -> "default";
            case INSTALLATION -> location;
            case CONFIG_LOADER -> "--config-loader " + location;
            case CLUSTER_FILE -> location;
            case RELEASE_FILE -> "release file " + location;
            case LEGACY_CONFIG_FILE -> "--config-file " + location;
            case CONFIG_PROPERTY -> "--config-property";
            case COMMAND_LINE -> "command line";
        };
    }
}
