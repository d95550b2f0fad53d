package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ConfigResolverTest {
    @Test
    void oldNamesWorkWithAWarning() {
        ResolvedConfig resolved =
                resolve(Map.of("heron.core.release.uri", "http://s3.amazonaws.com/my-heron-binaries"), false);

        assertThat(resolved.config().value(ConfigKey.CORE_PACKAGE_URI))
                .contains("http://s3.amazonaws.com/my-heron-binaries");
        assertThat(resolved.warnings())
                .extracting(ConfigWarning::message)
                .containsExactly("heron.core.release.uri is an old name; use heron.package.core.uri");
    }

    @Test
    void laterEntriesWinAndOldNamesCountWhereTheyStand() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("heron.package.core.uri", "file:///first");
        values.put("heron.core.release.uri", "file:///second");

        assertThat(resolve(values, false).config().value(ConfigKey.CORE_PACKAGE_URI))
                .contains("file:///second");
    }

    @Test
    void unknownKeysGetADidYouMean() {
        ResolvedConfig resolved = resolve(Map.of("heron.scheduler.is.servise", "false"), false);

        assertThat(resolved.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.key()).isEqualTo("heron.scheduler.is.servise");
            assertThat(warning.message())
                    .isEqualTo("unknown key heron.scheduler.is.servise; did you mean heron.scheduler.is.service?");
            assertThat(warning.source()).isEqualTo(TestingConfigs.SCHEDULER_FILE);
        });
    }

    @Test
    void farOffUnknownKeysGetNoSuggestion() {
        assertThat(resolve(Map.of("completely.different", "x"), false).warnings())
                .extracting(ConfigWarning::message)
                .containsExactly("unknown key completely.different");
    }

    @Test
    void strictModeRefusesUnknownKeys() {
        assertThatThrownBy(() -> resolve(Map.of("heron.scheduler.is.servise", "false"), true))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("--strict-config")
                .hasMessageContaining("did you mean heron.scheduler.is.service?")
                .hasMessageContaining("/conf/local/scheduler.yaml");
    }

    @Test
    void topologyConfigAndHeronSubsystemKeysAreAccepted() {
        ResolvedConfig resolved = resolve(
                Map.of(
                        "topology.container.ram", "2147483648",
                        "heron.instance.network.options.maximum.packetsize.bytes", "1048576",
                        "heron.ckptmgr.network.write.batch.time.ms", "16"),
                true);

        assertThat(resolved.warnings()).isEmpty();
    }

    @Test
    void healthManagerPolicySectionsAreAccepted() {
        ConfigSource healthManager = ConfigSource.clusterFile("/conf/local/healthmgr.yaml");
        List<ConfigEntry> entries =
                List.of(new ConfigEntry("auto-restart-backpressure-container", "{a: b}", healthManager));

        assertThat(ConfigResolver.resolve(entries, TestingConfigs.ENVIRONMENT, true)
                        .warnings())
                .isEmpty();
    }

    @Test
    void suggestionUsesEditDistance() {
        assertThat(ConfigValidator.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(ConfigValidator.suggestion("heron.statemgr.root.paht")).contains("heron.statemgr.root.path");
        assertThat(ConfigValidator.suggestion("heron.core.release.url")).contains("heron.package.core.uri");
    }
}
