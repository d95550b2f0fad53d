package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EffectiveConfigTest {
    private static final String TOKEN = "dcos-token-123";
    private static final String SECRET_KEY = "aws-secret-456";

    @Test
    void typedGettersParseValues() {
        EffectiveConfig config = config(Map.of(
                "heron.scheduler.is.service", "False",
                "heron.scheduler.job.max.kill.attempts", "7",
                "heron.scheduler.job.kill.retry.interval.ms", "1500",
                "heron.resources.instance.ram", "2147483648",
                "heron.resources.instance.cpu", "0.5"));

        assertThat(config.booleanValue(ConfigKey.SCHEDULER_IS_SERVICE)).isFalse();
        assertThat(config.intValue(ConfigKey.AURORA_MAX_KILL_ATTEMPTS)).isEqualTo(7);
        assertThat(config.millis(ConfigKey.AURORA_KILL_RETRY_INTERVAL)).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.bytes(ConfigKey.INSTANCE_RAM)).isEqualTo(ByteAmount.ofGigabytes(2));
        assertThat(config.doubleValue(ConfigKey.INSTANCE_CPU)).isEqualTo(0.5);
        assertThat(config.source(ConfigKey.INSTANCE_CPU)).contains(TestingConfigs.SCHEDULER_FILE);
        assertThat(config.source(ConfigKey.INSTANCE_DISK)).contains(ConfigSource.defaults());
    }

    @Test
    void badValuesAreRejectedAtLoadNamingKeyAndSource() {
        assertThatThrownBy(() -> config(Map.of("heron.scheduler.is.service", "maybe")))
                .isInstanceOf(EgretException.class)
                .hasMessage("heron.scheduler.is.service is 'maybe' in /conf/local/scheduler.yaml; expected true or"
                        + " false");
        assertThatThrownBy(() -> config(Map.of("heron.statemgr.zookeeper.retry.count", "ten")))
                .hasMessageContaining("heron.statemgr.zookeeper.retry.count")
                .hasMessageContaining("a whole number");
    }

    @Test
    void missingRequiredKeySaysHowToSetIt() {
        assertThatThrownBy(() -> config(Map.of()).required(ConfigKey.STATE_MANAGER_ROOT_PATH))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("missing required key heron.statemgr.root.path")
                .hasMessageContaining("--config-property heron.statemgr.root.path=VALUE");
    }

    @Test
    void secretsNeverShow() {
        EffectiveConfig config = config(Map.of(
                "heron.marathon.scheduler.auth.token", TOKEN,
                "heron.uploader.s3.secret_key", SECRET_KEY,
                "heron.uploader.s3.proxy_uri", "http://proxyuser:proxy-pass-789@proxy:3128",
                "heron.uploader.s3.uri", "https://user:uri-pass-000@s3.example.com",
                "heron.custom.password", "pw-111"));

        assertThat(config.toString()).doesNotContain(TOKEN, SECRET_KEY, "proxy-pass-789", "uri-pass-000", "pw-111");
        assertThat(config.toDisplayString())
                .doesNotContain(TOKEN, SECRET_KEY, "proxy-pass-789", "uri-pass-000", "pw-111")
                .contains("heron.marathon.scheduler.auth.token = ****  (/conf/local/scheduler.yaml)")
                .contains("heron.uploader.s3.uri = https://user:****@s3.example.com");
        assertThat(config.redacted()).containsEntry("heron.uploader.s3.secret_key", "****");
        assertThat(config.entry("heron.marathon.scheduler.auth.token")
                        .orElseThrow()
                        .toString())
                .doesNotContain(TOKEN);
        assertThat(config.value(ConfigKey.MARATHON_AUTH_TOKEN)).contains(TOKEN);
    }

    @Test
    void historyKeepsEveryLayer() {
        EffectiveConfig config = config(Map.of("heron.scheduler.is.service", "false"));

        assertThat(config.history(ConfigKey.SCHEDULER_IS_SERVICE.key()))
                .extracting(ConfigEntry::value, ConfigEntry::source)
                .containsExactly(tuple("true", ConfigSource.defaults()), tuple("false", TestingConfigs.SCHEDULER_FILE));
    }

    @Test
    void unknownKeysAreKeptForTopologyConfig() {
        EffectiveConfig config = config(Map.of("topology.container.max.instances", "4"));

        assertThat(config.value("topology.container.max.instances")).contains("4");
    }

    @Test
    void explainShowsValueSourceDefaultAndHistoryWithoutSecrets() {
        EffectiveConfig config = config(Map.of(
                "heron.core.release.uri",
                "http://s3.amazonaws.com/my-heron-binaries",
                "heron.marathon.scheduler.auth.token",
                TOKEN));

        ConfigExplanation explanation = config.explain("heron.core.release.uri");

        assertThat(explanation.key()).isEqualTo("heron.package.core.uri");
        assertThat(explanation.askedAs()).contains("heron.core.release.uri");
        assertThat(explanation.known()).isTrue();
        assertThat(explanation.description()).contains("core package");
        assertThat(explanation.defaultValue()).contains("file://${HERON_DIST}/heron-core.tar.gz");
        assertThat(explanation.value()).contains("http://s3.amazonaws.com/my-heron-binaries");
        assertThat(explanation.source()).contains(TestingConfigs.SCHEDULER_FILE);
        assertThat(explanation.history()).hasSize(2);
        assertThat(config.explain("heron.marathon.scheduler.auth.token").toString())
                .doesNotContain(TOKEN);
        assertThat(config.explain("topology.anything").known()).isFalse();
    }

    @Test
    void withFilesOlderNamesUnderCurrentOnes() {
        EffectiveConfig config = config(Map.of())
                .with(List.of(new ConfigEntry(
                        "heron.core.release.uri", "http://host/core.tar.gz", ConfigSource.commandLine())));

        assertThat(config.value(ConfigKey.CORE_PACKAGE_URI)).contains("http://host/core.tar.gz");
        assertThat(config.value("heron.core.release.uri")).isEmpty();
    }
}
