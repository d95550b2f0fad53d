package io.egret.modules.config;

import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigSource;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code --config-file} of Heron's first releases: {@code key: value}, {@code key:value} or
 * {@code key=value} lines, {@code #} comments and blank lines. Keys never contain {@code :} or {@code =}, so the
 * first of them ends the key and the rest of the line, colons of URLs included, is the value.
 */
final class LegacyPropertiesFile {
    private LegacyPropertiesFile() {}

    static List<ConfigEntry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw EgretException.userError("cannot read --config-file " + file + ": " + e.getMessage());
        }
        return parse(lines, ConfigSource.legacyConfigFile(file.toString()));
    }

    static List<ConfigEntry> parse(List<String> lines, ConfigSource source) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int separator = firstSeparator(line);
            String key = separator < 0 ? "" : line.substring(0, separator).strip();
            if (key.isEmpty()) {
                throw EgretException.userError(source + " line " + (index + 1)
                        + ": expected 'key: value', for example heron.core.release.uri:http://host/heron-core.tar.gz");
            }
            entries.add(new ConfigEntry(key, canonicalValue(line.substring(separator + 1)), source));
        }
        return entries;
    }

    /** Trims, removes one pair of surrounding quotes, and writes booleans as Heron's CLI did: true or false. */
    static String canonicalValue(String raw) {
        String value = raw.strip();
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return value.toLowerCase(Locale.ROOT);
        }
        return value;
    }

    private static int firstSeparator(String line) {
        int colon = line.indexOf(':');
        int equals = line.indexOf('=');
        if (colon < 0) {
            return equals;
        }
        if (equals < 0) {
            return colon;
        }
        return Math.min(colon, equals);
    }
}
