package io.egret.domain.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds configurations for tests: defaults plus entries from a pretend file, resolved like the loader does. */
final class TestingConfigs {
    static final TokenEnvironment ENVIRONMENT = new TokenEnvironment("/home/jane", "/opt/java");
    static final ConfigSource SCHEDULER_FILE = ConfigSource.clusterFile("/conf/local/scheduler.yaml");

    private TestingConfigs() {}

    /** Defaults, Heron home {@code /opt/heron}, then the given keys from {@link #SCHEDULER_FILE}. */
    static EffectiveConfig config(Map<String, String> values) {
        return resolve(values, false).config();
    }

    static ResolvedConfig resolve(Map<String, String> values, boolean strict) {
        return ConfigResolver.resolve(entries(values), ENVIRONMENT, strict);
    }

    static List<ConfigEntry> entries(Map<String, String> values) {
        List<ConfigEntry> entries = new ArrayList<>();
        entries.add(new ConfigEntry(ConfigKey.HERON_HOME.key(), "/opt/heron", ConfigSource.installation("Heron home")));
        values.forEach((key, value) -> entries.add(new ConfigEntry(key, value, SCHEDULER_FILE)));
        return entries;
    }
}
