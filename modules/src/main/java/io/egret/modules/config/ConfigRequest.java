package io.egret.modules.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.config.TokenEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line says about configuration.
 *
 * @param heronHome the installation directory ({@code heron.directory.home})
 * @param cluster the cluster name; its directory is {@code CONFIG_PATH/CLUSTER}
 * @param configPath {@code --config-path}; {@code HERON_HOME/conf} (then {@code ~/.heron/conf}) when empty
 * @param configProperties each {@code --config-property key=value}, in order
 * @param legacyConfigFile {@code --config-file}: a {@code key: value} properties file of early Heron releases
 * @param configLoader {@code --config-loader}: a Heron config loader class name of early releases
 * @param releaseFile {@code --release-yaml-file}; {@code HERON_HOME/release.yaml} if present when empty
 * @param strict {@code --strict-config}: unknown keys are an error, not a warning
 * @param environment what {@code ${HOME}} and {@code ${JAVA_HOME}} stand for
 */
public record ConfigRequest(
        Path heronHome,
        String cluster,
        Optional<Path> configPath,
        List<String> configProperties,
        Optional<Path> legacyConfigFile,
        Optional<String> configLoader,
        Optional<Path> releaseFile,
        boolean strict,
        TokenEnvironment environment) {
    public ConfigRequest {
        requireNonNull(heronHome, "heronHome is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(configPath, "configPath is null");
        configProperties = List.copyOf(requireNonNull(configProperties, "configProperties is null"));
        requireNonNull(legacyConfigFile, "legacyConfigFile is null");
        requireNonNull(configLoader, "configLoader is null");
        requireNonNull(releaseFile, "releaseFile is null");
        requireNonNull(environment, "environment is null");
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("cluster is blank");
        }
    }

    /** A request with no flags, taking {@code ${HOME}} and {@code ${JAVA_HOME}} from this process. */
    public static ConfigRequest of(Path heronHome, String cluster) {
        return new ConfigRequest(
                heronHome,
                cluster,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                processEnvironment());
    }

    /** {@code user.home}, and {@code JAVA_HOME} or else the running Java. */
    public static TokenEnvironment processEnvironment() {
        String javaHome = Optional.ofNullable(System.getenv("JAVA_HOME"))
                .filter(value -> !value.isBlank())
                .orElseGet(() -> System.getProperty("java.home"));
        return new TokenEnvironment(System.getProperty("user.home"), javaHome);
    }

    public ConfigRequest withConfigPath(Path path) {
        return new ConfigRequest(
                heronHome,
                cluster,
                Optional.of(path),
                configProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strict,
                environment);
    }

    public ConfigRequest withConfigProperties(List<String> properties) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                properties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strict,
                environment);
    }

    public ConfigRequest withLegacyConfigFile(Path file) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                configProperties,
                Optional.of(file),
                configLoader,
                releaseFile,
                strict,
                environment);
    }

    public ConfigRequest withConfigLoader(String className) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                configProperties,
                legacyConfigFile,
                Optional.of(className),
                releaseFile,
                strict,
                environment);
    }

    public ConfigRequest withReleaseFile(Path file) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                configProperties,
                legacyConfigFile,
                configLoader,
                Optional.of(file),
                strict,
                environment);
    }

    public ConfigRequest withStrict(boolean strictConfig) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                configProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strictConfig,
                environment);
    }

    public ConfigRequest withEnvironment(TokenEnvironment tokenEnvironment) {
        return new ConfigRequest(
                heronHome,
                cluster,
                configPath,
                configProperties,
                legacyConfigFile,
                configLoader,
                releaseFile,
                strict,
                tokenEnvironment);
    }
}
