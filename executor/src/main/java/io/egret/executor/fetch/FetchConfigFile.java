package io.egret.executor.fetch;

import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the flat {@code key: value} (or {@code key=value}) lines of a Heron config file such as the cluster's
 * {@code uploader.yaml}: the settings a container's fetchers need. Comments, blank lines and nested values are
 * skipped; surrounding quotes are removed. The file is not printed anywhere: it may hold keys.
 */
public final class FetchConfigFile {
    private FetchConfigFile() {}

    /**
     * @throws EgretException {@code USER_ERROR} if the file does not exist or cannot be read
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EgretException.userError("fetch config file " + file + " does not exist");
        } catch (IOException e) {
            throw EgretException.userError("cannot read fetch config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            int equals = line.indexOf('=');
            int split = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
            if (split <= 0) {
                continue;
            }
            String key = line.substring(0, split).strip();
            String value = unquoted(withoutComment(line.substring(split + 1)).strip());
            if (!value.isEmpty()) {
                values.put(key, value);
            }
        }
        return values;
    }

    private static String withoutComment(String value) {
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment);
    }

    private static String unquoted(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
