package io.egret.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The build's release facts (Heron's {@code heron.build.*} keys), stamped in at build time. */
public final class Release {
    private Release() {}

    /** Sorted release keys and values. */
    public static Map<String, String> facts() {
        Properties properties = new Properties();
        try (InputStream stream = Release.class.getResourceAsStream("/io/egret/app/release.properties")) {
            if (stream != null) {
                properties.load(stream);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release facts bundled with the CLI", e);
        }
        Map<String, String> facts = new TreeMap<>();
        properties.forEach((key, value) -> facts.put(key.toString(), value.toString()));
        return facts;
    }

    public static String version() {
        return facts().getOrDefault("heron.build.version", "unknown");
    }
}
