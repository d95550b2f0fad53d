package io.egret.adapters.hdfs;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the HDFS uploader and fetcher, from Heron's keys.
 *
 * @param topologiesDirectory {@value #TOPOLOGIES_DIRECTORY}, e.g. {@code hdfs://namenode:8020/heron/topologies/
 *     ${CLUSTER}/${ROLE}/${TOPOLOGY}}; {@code ${CLUSTER}}, {@code ${ROLE}}, {@code ${ENVIRON}} and
 *     {@code ${TOPOLOGY}} are filled in per upload. Empty only for a fetcher, which reads each URI
 * @param configDirectory {@value #CONFIG_DIRECTORY}: the Hadoop client config ({@code core-site.xml},
 *     {@code hdfs-site.xml}); when empty, {@code HADOOP_CONF_DIR}, then Hadoop's defaults
 * @param hadoopProperties Hadoop properties that win over the config files, from keys
 *     {@value #HADOOP_PROPERTY_PREFIX}{@code <hadoop key>} (say {@code dfs.replication})
 */
public record HdfsAdapterConfig(
        String topologiesDirectory, Optional<Path> configDirectory, Map<String, String> hadoopProperties) {
    public static final String TOPOLOGIES_DIRECTORY = "heron.uploader.hdfs.topologies.directory.uri";
    public static final String CONFIG_DIRECTORY = "heron.uploader.hdfs.config.directory";
    public static final String HADOOP_PROPERTY_PREFIX = "heron.uploader.hdfs.property.";

    public HdfsAdapterConfig {
        requireNonNull(topologiesDirectory, "topologiesDirectory is null");
        requireNonNull(configDirectory, "configDirectory is null");
        hadoopProperties = Map.copyOf(requireNonNull(hadoopProperties, "hadoopProperties is null"));
    }

    /**
     * Reads the settings from Heron config keys, falling back to {@code HADOOP_CONF_DIR} for the config directory.
     *
     * @param requireDirectory whether {@value #TOPOLOGIES_DIRECTORY} must be set (the uploader needs it)
     * @throws EgretException {@code USER_ERROR} naming a missing key or a config directory that does not exist
     */
    public static HdfsAdapterConfig fromConfig(
            Map<String, String> config, Map<String, String> environment, boolean requireDirectory) {
        requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        String directory = value(config, TOPOLOGIES_DIRECTORY).orElse("");
        if (requireDirectory && directory.isEmpty()) {
            throw EgretException.userError("the HDFS uploader needs " + TOPOLOGIES_DIRECTORY
                    + " (e.g. hdfs://namenode:8020/heron/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY})");
        }
        Optional<String> configured = value(config, CONFIG_DIRECTORY);
        Optional<Path> configDirectory =
                configured.or(() -> value(environment, "HADOOP_CONF_DIR")).map(Path::of);
        if (configDirectory.isPresent() && !configDirectory.get().toFile().isDirectory()) {
            throw EgretException.userError("the Hadoop config directory " + configDirectory.get() + " ("
                    + (configured.isPresent() ? CONFIG_DIRECTORY : "HADOOP_CONF_DIR") + ") does not exist");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(HADOOP_PROPERTY_PREFIX) && value != null) {
                properties.put(key.substring(HADOOP_PROPERTY_PREFIX.length()), value);
            }
        });
        return new HdfsAdapterConfig(directory, configDirectory, properties);
    }

    private static Optional<String> value(Map<String, String> config, String key) {
        return Optional.ofNullable(config.get(key)).map(String::strip).filter(text -> !text.isEmpty());
    }
}
