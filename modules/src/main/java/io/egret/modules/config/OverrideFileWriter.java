package io.egret.modules.config;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes entries as a flat Heron YAML file, such as the {@code override.yaml} shipped with a topology, and reads it
 * back to check that every value survived. Heron built this file by string concatenation, which lost a space and
 * broke submissions; here a YAML serializer writes every value as a string so that the text is preserved exactly.
 */
public final class OverrideFileWriter {
    /** Writes the entries (later ones win on equal keys) and verifies the file reads back the same. */
    public Path write(Path file, List<ConfigEntry> entries) {
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach(entry -> values.put(entry.key(), entry.value()));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Yaml(options).dump(values, writer);
        } catch (IOException e) {
            throw EgretException.internal("cannot write " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> readBack = new LinkedHashMap<>();
        HeronYamlFile.read(file, ConfigSource.clusterFile(file.toString()))
                .forEach(entry -> readBack.put(entry.key(), entry.value()));
        if (!readBack.equals(values)) {
            throw EgretException.internal(
                    "the configuration written to " + file + " does not read back the same", null);
        }
        return file;
    }
}
