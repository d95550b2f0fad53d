package io.egret.modules.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.error.EgretException;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LegacyPropertiesFileTest {
    private static final ConfigSource SOURCE = ConfigSource.legacyConfigFile("/home/jane/mesos_scheduler.conf");

    @Test
    void everySeparatorStyleOfHeronsFirstReleases() {
        List<ConfigEntry> entries = LegacyPropertiesFile.parse(
                List.of(
                        "# Mesos settings",
                        "",
                        "heron.core.release.uri:http://s3.amazonaws.com/my-heron-binaries",
                        "heron.mesos.master.uri: zk://zk1:2181,zk2:2181/mesos",
                        "  heron.scheduler.is.service = True  ",
                        "heron.directory.sandbox.java.home: \"/usr/lib/jvm/java-8\"",
                        "heron.uploader.s3.uri=http://host:9000/path?a=b",
                        "heron.scheduler.job.link.template:"),
                SOURCE);

        assertThat(entries)
                .extracting(ConfigEntry::key, ConfigEntry::value)
                .containsExactly(
                        tuple("heron.core.release.uri", "http://s3.amazonaws.com/my-heron-binaries"),
                        tuple("heron.mesos.master.uri", "zk://zk1:2181,zk2:2181/mesos"),
                        tuple("heron.scheduler.is.service", "true"),
                        tuple("heron.directory.sandbox.java.home", "/usr/lib/jvm/java-8"),
                        tuple("heron.uploader.s3.uri", "http://host:9000/path?a=b"),
                        tuple("heron.scheduler.job.link.template", ""));
        assertThat(entries).allSatisfy(entry -> assertThat(entry.source()).isEqualTo(SOURCE));
    }

    @Test
    void aLineWithoutKeyIsAnErrorWithItsNumber() {
        assertThatThrownBy(() -> LegacyPropertiesFile.parse(List.of("# ok", "just some words"), SOURCE))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("--config-file /home/jane/mesos_scheduler.conf line 2")
                .hasMessageContaining("expected 'key: value'");
        assertThatThrownBy(() -> LegacyPropertiesFile.parse(List.of(":value"), SOURCE))
                .hasMessageContaining("line 1");
    }
}
