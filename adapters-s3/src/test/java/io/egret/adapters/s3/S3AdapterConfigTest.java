package io.egret.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class S3AdapterConfigTest {

    @Test
    void defaults() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(Map.of(S3AdapterConfig.BUCKET, "b"), true);

        assertThat(config.bucket()).isEqualTo("b");
        assertThat(config.pathPrefix()).isEqualTo("/");
        assertThat(config.region()).isEmpty();
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.usesPathStyle()).isFalse();
        assertThat(config.credentials()).isEqualTo(new S3AdapterConfig.DefaultChain());
        assertThat(config.multipartThreshold()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void fullExplicitMapping() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(
                Map.of(
                        S3AdapterConfig.BUCKET, "b",
                        S3AdapterConfig.PATH_PREFIX, "heron/${CLUSTER}",
                        S3AdapterConfig.REGION, "eu-west-1",
                        S3AdapterConfig.ENDPOINT, "http://minio:9000",
                        S3AdapterConfig.PATH_STYLE, "false",
                        S3AdapterConfig.ACCESS_KEY, "AKIA",
                        S3AdapterConfig.SECRET_KEY, "s3cr3t",
                        S3AdapterConfig.MULTIPART_THRESHOLD, "1000",
                        S3AdapterConfig.PART_SIZE, "6000000"),
                true);

        assertThat(config.pathPrefix()).isEqualTo("heron/${CLUSTER}");
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(config.pathStyle()).isEqualTo(Optional.of(false));
        assertThat(config.usesPathStyle()).isFalse();
        assertThat(config.credentials()).isEqualTo(new S3AdapterConfig.StaticKeys("AKIA", "s3cr3t"));
        assertThat(config.multipartThreshold()).isEqualTo(1000);
        assertThat(config.partSize()).isEqualTo(6_000_000);
    }

    @Test
    void anEndpointImpliesPathStyleAndAProfileIsNamed() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(
                Map.of(S3AdapterConfig.ENDPOINT, "http://127.0.0.1:9000", S3AdapterConfig.PROFILE, "ops"), false);

        assertThat(config.usesPathStyle()).isTrue();
        assertThat(config.credentials()).isEqualTo(new S3AdapterConfig.Profile("ops"));
    }

    @Test
    void secretsNeverShowInText() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(
                Map.of(
                        S3AdapterConfig.BUCKET,
                        "b",
                        S3AdapterConfig.ACCESS_KEY,
                        "AKIA",
                        S3AdapterConfig.SECRET_KEY,
                        "s3cr3t"),
                true);

        assertThat(config.toString()).contains("AKIA").doesNotContain("s3cr3t");
    }

    @Test
    void conflictingOrIncompleteSettingsAreRefusedByKey() {
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(Map.of(), true))
                .hasMessageContaining("needs heron.uploader.s3.bucket");
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(
                        Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.ACCESS_KEY, "AKIA"), true))
                .hasMessageContaining("set both heron.uploader.s3.access_key and heron.uploader.s3.secret_key");
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(
                        Map.of(
                                S3AdapterConfig.BUCKET, "b",
                                S3AdapterConfig.ACCESS_KEY, "AKIA",
                                S3AdapterConfig.SECRET_KEY, "s",
                                S3AdapterConfig.PROFILE, "ops"),
                        true))
                .hasMessageContaining("either heron.uploader.s3.aws_profile or");
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(
                        Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.PART_SIZE, "1024"), true))
                .hasMessageContaining("at least 5242880 bytes");
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(
                        Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.ENDPOINT, "minio"), true))
                .hasMessageContaining("must be an endpoint URL");
        assertThatThrownBy(() -> S3AdapterConfig.fromConfig(
                        Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.PROXY, "socks5://user:pw@proxy:1080"),
                        true))
                .hasMessage("heron.uploader.s3.proxy_uri must be an http or https URL such as"
                        + " http://proxy.example.com:3128");
    }

    @Test
    void proxyUriIsReadWithItsUserAndThePasswordIsNeverShown() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(
                Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.PROXY, "https://ops:s3cr3t@proxy.corp:3128"), true);

        S3AdapterConfig.Proxy proxy = config.proxy().orElseThrow();
        assertThat(proxy.endpoint()).isEqualTo(URI.create("https://proxy.corp:3128"));
        assertThat(proxy.username()).contains("ops");
        assertThat(proxy.password()).contains("s3cr3t");
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("password (redacted)");

        S3AdapterConfig noPort = S3AdapterConfig.fromConfig(
                Map.of(S3AdapterConfig.BUCKET, "b", S3AdapterConfig.PROXY, "http://proxy.corp"), true);
        assertThat(noPort.proxy().orElseThrow().endpoint()).isEqualTo(URI.create("http://proxy.corp:80"));
        assertThat(noPort.proxy().orElseThrow().username()).isEmpty();
        assertThat(S3AdapterConfig.fromConfig(Map.of(S3AdapterConfig.BUCKET, "b"), true)
                        .proxy())
                .isEmpty();
    }
}
