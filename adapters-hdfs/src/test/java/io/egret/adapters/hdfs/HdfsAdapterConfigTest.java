package io.egret.adapters.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.hdfs.internal.HadoopClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HdfsAdapterConfigTest {
    @TempDir
    Path directory;

    @Test
    void defaults() {
        HdfsAdapterConfig config = HdfsAdapterConfig.fromConfig(
                Map.of(HdfsAdapterConfig.TOPOLOGIES_DIRECTORY, "hdfs:///heron"), Map.of(), true);

        assertThat(config.topologiesDirectory()).isEqualTo("hdfs:///heron");
        assertThat(config.configDirectory()).isEmpty();
        assertThat(config.hadoopProperties()).isEmpty();
    }

    @Test
    void fullExplicitMappingAndHadoopConfDirFallback() {
        HdfsAdapterConfig config = HdfsAdapterConfig.fromConfig(
                Map.of(
                        HdfsAdapterConfig.TOPOLOGIES_DIRECTORY,
                        "hdfs://nn:8020/heron/${TOPOLOGY}",
                        HdfsAdapterConfig.CONFIG_DIRECTORY,
                        directory.toString(),
                        HdfsAdapterConfig.HADOOP_PROPERTY_PREFIX + "dfs.replication",
                        "2"),
                Map.of("HADOOP_CONF_DIR", "/elsewhere"),
                true);

        assertThat(config.configDirectory()).contains(directory);
        assertThat(config.hadoopProperties()).containsExactly(Map.entry("dfs.replication", "2"));
        assertThat(HdfsAdapterConfig.fromConfig(Map.of(), Map.of("HADOOP_CONF_DIR", directory.toString()), false)
                        .configDirectory())
                .contains(directory);
    }

    @Test
    void missingSettingsAreRefusedByKey() {
        assertThatThrownBy(() -> HdfsAdapterConfig.fromConfig(Map.of(), Map.of(), true))
                .hasMessageContaining("needs heron.uploader.hdfs.topologies.directory.uri");
        assertThatThrownBy(() -> HdfsAdapterConfig.fromConfig(
                        Map.of(
                                HdfsAdapterConfig.CONFIG_DIRECTORY,
                                directory.resolve("none").toString()),
                        Map.of(),
                        false))
                .hasMessageContaining("(heron.uploader.hdfs.config.directory) does not exist");
    }

    @Test
    void theClientReadsTheConfigDirectoryAsHadoopClientsDo() throws IOException {
        Files.writeString(directory.resolve("core-site.xml"), """
                <configuration>
                  <property><name>fs.defaultFS</name><value>hdfs://namenode.example:8020</value></property>
                  <property><name>hadoop.security.authentication</name><value>kerberos</value></property>
                  <property><name>ipc.client.connect.max.retries</name><value>7</value></property>
                </configuration>
                """);
        HdfsAdapterConfig config = new HdfsAdapterConfig(
                "hdfs:///heron", Optional.of(directory), Map.of("hadoop.security.authentication", "simple"));

        Configuration hadoop = HadoopClients.configuration(config);

        assertThat(hadoop.get("fs.defaultFS")).isEqualTo("hdfs://namenode.example:8020");
        // The cluster's file wins over Egret's fail-fast default; a Heron-key property wins over the file.
        assertThat(hadoop.get("ipc.client.connect.max.retries")).isEqualTo("7");
        assertThat(hadoop.get("ipc.client.connect.retry.interval")).isEqualTo("500");
        assertThat(hadoop.get("hadoop.security.authentication")).isEqualTo("simple");
    }
}
