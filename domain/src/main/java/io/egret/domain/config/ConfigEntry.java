package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

/**
 * One configuration value and where it came from. The value is a string as written (YAML booleans and numbers in
 * canonical form); typed access goes through {@link EffectiveConfig}.
 */
public record ConfigEntry(String key, String value, ConfigSource source) {
    public ConfigEntry {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        requireNonNull(source, "source is null");
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
    }

    /** The value as it may be shown: secrets and passwords inside URIs replaced by {@code ****}. */
    public String displayValue() {
        return Redaction.redact(key, value);
    }

    public ConfigEntry withValue(String newValue) {
        return new ConfigEntry(key, newValue, source);
    }

    /** Never prints a secret. */
    @Override
    public String toString() {
        return key + "=" + displayValue() + " (" + source + ")";
    }
}
