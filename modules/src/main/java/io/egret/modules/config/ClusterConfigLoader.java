package io.egret.modules.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.ConfigResolver;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.LegacyConfigLoader;
import io.egret.domain.config.PackingConfig;
import io.egret.domain.config.ResolvedConfig;
import io.egret.domain.config.SchedulerKind;
import io.egret.domain.config.StateManagerKind;
import io.egret.domain.config.UploaderKind;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads a cluster's configuration the way Heron does, from Heron's own files, and resolves it.
 *
 * <p>Precedence, later wins: built-in defaults; the installation (Heron home, cluster directory); what a
 * {@code --config-loader} implies; the cluster directory's {@code cluster.yaml}, {@code client.yaml},
 * {@code healthmgr.yaml}, {@code packing.yaml}, {@code scheduler.yaml}, {@code statemgr.yaml},
 * {@code uploader.yaml}, {@code downloader.yaml}, {@code stateful.yaml}; the release file; a legacy
 * {@code --config-file}; each {@code --config-property}; the cluster name. Other files of the directory
 * ({@code heron_internals.yaml}, {@code metrics_sinks.yaml}, {@code heron.aurora}) are not read here. Missing
 * cluster files are empty, as in Heron.
 *
 * <p>The selections ({@code heron.class.*}) are checked at load, so a scheduler/launcher mismatch or an unknown
 * class name fails before any command runs.
 */
public final class ClusterConfigLoader {
    /** Heron's cluster files, in Heron's load order. */
    public static final List<String> CLUSTER_FILES = List.of(
            "cluster.yaml",
            "client.yaml",
            "healthmgr.yaml",
            "packing.yaml",
            "scheduler.yaml",
            "statemgr.yaml",
            "uploader.yaml",
            "downloader.yaml",
            "stateful.yaml");

    private static final String RELEASE_FILE = "release.yaml";

    /** Loads and resolves; warnings (unknown keys, old names) come back as data. */
    public ResolvedConfig load(ConfigRequest request) {
        requireNonNull(request, "request is null");
        Optional<LegacyConfigLoader> loader = request.configLoader().map(LegacyConfigLoader::fromClassName);
        Optional<Path> clusterDirectory = findClusterDirectory(request);

        List<ConfigEntry> entries = new ArrayList<>();
        entries.add(new ConfigEntry(
                ConfigKey.HERON_HOME.key(), request.heronHome().toString(), ConfigSource.installation("Heron home")));
        clusterDirectory.ifPresent(directory -> entries.add(new ConfigEntry(
                ConfigKey.HERON_CONF.key(), directory.toString(), ConfigSource.installation("cluster directory"))));
        loader.ifPresent(implied ->
                entries.addAll(implied.impliedEntries(request.configLoader().orElseThrow())));
        clusterDirectory.ifPresent(directory -> entries.addAll(readClusterFiles(directory)));
        releaseFile(request)
                .ifPresent(file -> entries.addAll(HeronYamlFile.read(file, ConfigSource.releaseFile(file.toString()))));
        request.legacyConfigFile().ifPresent(file -> entries.addAll(readLegacyConfigFile(file)));
        for (String property : request.configProperties()) {
            entries.add(parseConfigProperty(property));
        }
        entries.add(new ConfigEntry(ConfigKey.CLUSTER.key(), request.cluster(), ConfigSource.commandLine()));

        ResolvedConfig resolved = ConfigResolver.resolve(entries, request.environment(), request.strict());
        checkSelections(resolved.config());
        loader.ifPresent(implied -> checkLoaderAgrees(implied, request, resolved.config()));
        return resolved;
    }

    /**
     * Parses one {@code --config-property key=value}; exactly one {@code =}. Booleans are written {@code true} or
     * {@code false} whatever their case, as Heron's CLI did.
     */
    static ConfigEntry parseConfigProperty(String property) {
        String[] parts = property.split("=", -1);
        if (parts.length != 2 || parts[0].isBlank()) {
            throw EgretException.userError("invalid --config-property '" + redactedProperty(property)
                    + "': expected exactly one '=' as in --config-property heron.scheduler.is.service=false");
        }
        return new ConfigEntry(
                parts[0].strip(), LegacyPropertiesFile.canonicalValue(parts[1]), ConfigSource.configProperty());
    }

    private static String redactedProperty(String property) {
        int equals = property.indexOf('=');
        if (equals > 0 && ConfigKey.isSecretName(property.substring(0, equals).strip())) {
            return property.substring(0, equals + 1) + "****";
        }
        return property;
    }

    private static Optional<Path> findClusterDirectory(ConfigRequest request) {
        List<Path> searched = configPaths(request).stream()
                .map(path -> path.resolve(request.cluster()))
                .toList();
        Optional<Path> found = searched.stream().filter(Files::isDirectory).findFirst();
        if (found.isPresent()
                || request.legacyConfigFile().isPresent()
                || request.configLoader().isPresent()) {
            return found;
        }
        String available = configPaths(request).stream()
                .flatMap(ClusterConfigLoader::clusterNames)
                .distinct()
                .sorted()
                .collect(Collectors.joining(", "));
        throw EgretException.userError("no config directory for cluster '" + request.cluster() + "'; searched "
                + searched.stream().map(Path::toString).collect(Collectors.joining(", "))
                + (available.isEmpty() ? "" : "; clusters found: " + available)
                + "; use --config-path DIR where DIR/" + request.cluster() + " holds the cluster's YAML files");
    }

    private static List<Path> configPaths(ConfigRequest request) {
        if (request.configPath().isPresent()) {
            return List.of(request.configPath().get());
        }
        // Heron installs keep their conf under the Heron home; a per-user install is ~/.heron.
        Path underHome = request.heronHome().resolve("conf");
        Path perUser = Path.of(request.environment().userHome(), ".heron", "conf");
        return underHome.equals(perUser) ? List.of(underHome) : List.of(underHome, perUser);
    }

    private static Stream<String> clusterNames(Path configPath) {
        if (!Files.isDirectory(configPath)) {
            return Stream.empty();
        }
        try (Stream<Path> children = Files.list(configPath)) {
            return children
                    .filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static List<ConfigEntry> readClusterFiles(Path directory) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (String name : CLUSTER_FILES) {
            Path file = directory.resolve(name);
            if (Files.isRegularFile(file)) {
                entries.addAll(HeronYamlFile.read(file, ConfigSource.clusterFile(file.toString())));
            }
        }
        return entries;
    }

    private static Optional<Path> releaseFile(ConfigRequest request) {
        if (request.releaseFile().isPresent()) {
            Path file = request.releaseFile().get();
            if (!Files.isRegularFile(file)) {
                throw EgretException.userError("release file " + file + " does not exist");
            }
            return Optional.of(file);
        }
        Path standard = request.heronHome().resolve(RELEASE_FILE);
        return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
    }

    private static List<ConfigEntry> readLegacyConfigFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw EgretException.userError("--config-file " + file + " does not exist");
        }
        return LegacyPropertiesFile.read(file);
    }

    /** Maps every configured Heron class name now, so a bad one is reported before anything runs. */
    private static void checkSelections(EffectiveConfig config) {
        if (config.value(ConfigKey.SCHEDULER_CLASS).isPresent()
                || config.value(ConfigKey.LAUNCHER_CLASS).isPresent()) {
            SchedulerKind.fromConfig(config);
        }
        if (config.value(ConfigKey.UPLOADER_CLASS).isPresent()) {
            UploaderKind.fromConfig(config);
        }
        if (config.value(ConfigKey.STATE_MANAGER_CLASS).isPresent()) {
            StateManagerKind.fromConfig(config);
        }
        if (config.value(ConfigKey.PACKING_CLASS).isPresent()) {
            PackingConfig.from(config);
        }
    }

    private static void checkLoaderAgrees(LegacyConfigLoader loader, ConfigRequest request, EffectiveConfig config) {
        SchedulerKind configured = SchedulerKind.fromConfig(config);
        if (configured != loader.schedulerKind()) {
            throw EgretException.userError(
                    "--config-loader " + request.configLoader().orElseThrow() + " stands for "
                            + loader.schedulerKind().shortName() + " but " + ConfigKey.SCHEDULER_CLASS.key() + " ("
                            + config.source(ConfigKey.SCHEDULER_CLASS).orElseThrow() + ") selects "
                            + configured.shortName() + "; drop --config-loader or fix the scheduler");
        }
    }
}
