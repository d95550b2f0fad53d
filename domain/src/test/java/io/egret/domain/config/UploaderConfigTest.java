package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class UploaderConfigTest {
    @Test
    void defaults() {
        EffectiveConfig config =
                bound(Map.of("heron.class.uploader", "org.apache.heron.uploader.localfs.LocalFileSystemUploader"));

        assertThat(UploaderConfig.from(config))
                .isEqualTo(new UploaderConfig(
                        UploaderKind.LOCAL_FS,
                        new UploaderConfig.LocalFileSystem("/home/jane/.herondata/repository/local/jane/wordcount")));
    }

    @Test
    void explicitMappingHdfs() {
        EffectiveConfig config = bound(Map.of(
                "heron.class.uploader", "org.apache.heron.uploader.hdfs.HdfsUploader",
                "heron.uploader.hdfs.config.directory", "/home/hadoop/hadoop/conf/",
                "heron.uploader.hdfs.topologies.directory.uri", "hdfs:///heron/topology/"));

        assertThat(UploaderConfig.from(config).settings())
                .isEqualTo(
                        new UploaderConfig.Hdfs(Optional.of("/home/hadoop/hadoop/conf/"), "hdfs:///heron/topology/"));
    }

    @Test
    void containersGetTheStoresAddressButNoSecret() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.uploader", "org.apache.heron.uploader.s3.S3Uploader");
        values.put("heron.uploader.s3.bucket", "topologies");
        values.put("heron.uploader.s3.path_prefix", "heron/${CLUSTER}");
        values.put("heron.uploader.s3.access_key", "AKIAEXAMPLE");
        values.put("heron.uploader.s3.secret_key", "very-secret");
        values.put("heron.uploader.s3.region", "eu-west-1");
        values.put("heron.uploader.s3.uri", "http://127.0.0.1:9000");
        values.put("heron.uploader.s3.path_style", "true");
        values.put("heron.uploader.s3.proxy_uri", "http://user:proxy-password@proxy:3128");

        Map<String, String> settings = UploaderConfig.containerFetchSettings(bound(values));

        assertThat(settings)
                .containsExactly(
                        Map.entry("heron.uploader.s3.path_style", "true"),
                        Map.entry("heron.uploader.s3.region", "eu-west-1"),
                        Map.entry("heron.uploader.s3.uri", "http://127.0.0.1:9000"));
        assertThat(settings.toString()).doesNotContain("very-secret", "AKIAEXAMPLE", "proxy-password");
        values.put("heron.class.uploader", "org.apache.heron.uploader.hdfs.HdfsUploader");
        assertThat(UploaderConfig.containerFetchSettings(bound(values))).isEmpty();
    }

    @Test
    void s3DefaultsAndExplicitMapping() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.uploader", "org.apache.heron.uploader.s3.S3Uploader");
        values.put("heron.uploader.s3.bucket", "topologies");
        assertThat(UploaderConfig.from(bound(values)).settings())
                .isEqualTo(new UploaderConfig.S3(
                        "topologies",
                        "/",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));

        values.put("heron.uploader.s3.path_prefix", "heron/${CLUSTER}");
        values.put("heron.uploader.s3.access_key", "AKIAEXAMPLE");
        values.put("heron.uploader.s3.secret_key", "very-secret");
        values.put("heron.uploader.s3.region", "eu-west-1");
        values.put("heron.uploader.s3.uri", "http://127.0.0.1:9000");
        values.put("heron.upload.s3.proxy_uri", "http://user:pw@proxy:3128");
        UploaderConfig uploader = UploaderConfig.from(bound(values));

        assertThat(uploader.settings())
                .isEqualTo(new UploaderConfig.S3(
                        "topologies",
                        "heron/local",
                        Optional.of(new SecretValue("AKIAEXAMPLE")),
                        Optional.of(new SecretValue("very-secret")),
                        Optional.empty(),
                        Optional.of("eu-west-1"),
                        Optional.of(URI.create("http://127.0.0.1:9000")),
                        Optional.of(new SecretValue("http://user:pw@proxy:3128"))));
        assertThat(uploader.toString()).doesNotContain("AKIAEXAMPLE", "very-secret", "pw@");
    }

    @Test
    void s3KeysComeInPairsAndExcludeAProfile() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.uploader", "s3");
        values.put("heron.uploader.s3.bucket", "topologies");
        values.put("heron.uploader.s3.access_key", "AKIAEXAMPLE");
        assertThatThrownBy(() -> UploaderConfig.from(bound(values)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("set both heron.uploader.s3.access_key and heron.uploader.s3.secret_key");

        values.put("heron.uploader.s3.secret_key", "very-secret");
        values.put("heron.uploader.s3.aws_profile", "default");
        assertThatThrownBy(() -> UploaderConfig.from(bound(values))).hasMessageContaining("not both");
    }

    private static EffectiveConfig bound(Map<String, String> values) {
        return config(values)
                .bind(new ClusterTarget("local", "jane", "default"), "jane")
                .bind(TopologyName.of("wordcount"));
    }
}
