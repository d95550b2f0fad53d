package io.egret.app.client;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.ProgressPort;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to reach a cluster: the same choices the {@code heron} command line offers.
 *
 * @param heronHome the Egret installation ({@code HERON_HOME})
 * @param configPath the directory with one sub-directory per cluster
 * @param cluster the cluster name
 * @param configProperties {@code key=value} overrides, applied last
 * @param legacyConfigFile Heron's early {@code --config-file}
 * @param configLoader Heron's early {@code --config-loader}
 * @param releaseFile {@code --release-yaml-file}: Heron's release facts ({@code heron.build.*}); the installation's
 *     {@code release.yaml} when empty
 * @param strictConfig unknown keys are errors
 * @param progress receives lifecycle progress
 */
public record EgretClientOptions(
        Path heronHome,
        Path configPath,
        String cluster,
        List<String> configProperties,
        Optional<Path> legacyConfigFile,
        Optional<String> configLoader,
        Optional<Path> releaseFile,
        boolean strictConfig,
        ProgressPort progress) {
    public EgretClientOptions {
        requireNonNull(heronHome, "heronHome is null");
        requireNonNull(configPath, "configPath is null");
        requireNonNull(cluster, "cluster is null");
        configProperties = List.copyOf(requireNonNull(configProperties, "configProperties is null"));
        requireNonNull(legacyConfigFile, "legacyConfigFile is null");
        requireNonNull(configLoader, "configLoader is null");
        requireNonNull(releaseFile, "releaseFile is null");
        requireNonNull(progress, "progress is null");
    }

    /** The defaults for a cluster of an installation: its conf directory, no overrides, no progress. */
    public static EgretClientOptions of(Path heronHome, String cluster) {
        return new EgretClientOptions(
                heronHome,
                heronHome.resolve("conf"),
                cluster,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                ProgressPort.silent());
    }

    public EgretClientOptions withConfigPath(Path newConfigPath) {
        return new EgretClientOptions(
                heronHome,
                newConfigPath,
                cluster,
                configProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strictConfig,
                progress);
    }

    public EgretClientOptions withConfigProperties(List<String> newConfigProperties) {
        return new EgretClientOptions(
                heronHome,
                configPath,
                cluster,
                newConfigProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strictConfig,
                progress);
    }

    public EgretClientOptions withProgress(ProgressPort newProgress) {
        return new EgretClientOptions(
                heronHome,
                configPath,
                cluster,
                configProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strictConfig,
                newProgress);
    }
}
