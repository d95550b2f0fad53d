package io.egret.modules.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class OverrideFileWriterTest {
    @Test
    void everyValueReadsBackAsWritten(@TempDir Path directory) {
        List<String> values = List.of(
                "true",
                "True",
                "0755",
                "30000",
                "1.0",
                "",
                "~",
                "null",
                " leading and trailing ",
                "http://host:8080/a?b=c#d",
                "${HOME}/.herondata/${TOPOLOGY}",
                "key: value",
                "- list",
                "'quoted' \"double\"",
                "multi\nline",
                "ünïcödé");
        List<ConfigEntry> entries = new ArrayList<>();
        for (int index = 0; index < values.size(); index++) {
            entries.add(new ConfigEntry("topology.test.key" + index, values.get(index), ConfigSource.configProperty()));
        }

        Path file = new OverrideFileWriter().write(directory.resolve("override.yaml"), entries);

        assertThat(HeronYamlFile.read(file, ConfigSource.clusterFile(file.toString())))
                .extracting(ConfigEntry::value)
                .containsExactlyElementsOf(values);
    }
}
