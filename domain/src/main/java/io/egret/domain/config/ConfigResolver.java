package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns entries from every layer into an {@link EffectiveConfig}: adds the defaults beneath them, maps older key
 * names to current ones (with a warning), reports unknown keys, expands tokens, and checks that every known key
 * has a value of its type.
 */
public final class ConfigResolver {
    private ConfigResolver() {}

    /**
     * @param entriesLowestFirst entries of every layer above the defaults, lowest precedence first, as written
     * @param strict {@code --strict-config}: unknown keys are an error
     */
    public static ResolvedConfig resolve(
            List<ConfigEntry> entriesLowestFirst, TokenEnvironment environment, boolean strict) {
        requireNonNull(entriesLowestFirst, "entriesLowestFirst is null");
        requireNonNull(environment, "environment is null");
        List<ConfigWarning> warnings = new ArrayList<>(ConfigValidator.checkKeys(entriesLowestFirst, strict));
        List<ConfigEntry> all = new ArrayList<>(defaults());
        for (ConfigEntry entry : entriesLowestFirst) {
            Optional<ConfigKey> known = ConfigKey.find(entry.key());
            if (known.isPresent() && !known.get().key().equals(entry.key())) {
                String current = known.get().key();
                warnings.add(new ConfigWarning(
                        entry.key(), entry.source(), entry.key() + " is an old name; use " + current));
                all.add(new ConfigEntry(current, entry.value(), entry.source()));
            } else {
                all.add(entry);
            }
        }
        EffectiveConfig config = EffectiveConfig.of(all, environment);
        checkTypes(config);
        return new ResolvedConfig(config, warnings);
    }

    /** The built-in defaults, as entries. */
    public static List<ConfigEntry> defaults() {
        List<ConfigEntry> defaults = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            key.defaultValue()
                    .ifPresent(value -> defaults.add(new ConfigEntry(key.key(), value, ConfigSource.defaults())));
        }
        return defaults;
    }

    /** Fails on the first known key whose value does not parse as its type. */
    private static void checkTypes(EffectiveConfig config) {
        for (ConfigKey key : ConfigKey.values()) {
            Optional<ConfigEntry> entry = config.entry(key.key());
            if (entry.isEmpty()
                    || entry.get().value().isBlank()
                    || !TokenSubstitution.remainingTokens(entry.get().value()).isEmpty()) {
                continue;
            }
            switch (key.type()) {
                case BOOLEAN -> config.booleanValue(key);
                case INTEGER -> config.intValue(key);
                case LONG -> config.longValue(key);
                case DOUBLE -> config.doubleValue(key);
                case STRING, STRUCTURED -> {
                    // any text is a valid string
                }
            }
        }
    }
}
