package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

/**
 * Something the operator should fix but that does not stop the command, returned as data; only the CLI prints.
 *
 * @param key the key concerned, as written
 * @param source where it was written
 * @param message one line, naming what to change
 */
public record ConfigWarning(String key, ConfigSource source, String message) {
    public ConfigWarning {
        requireNonNull(key, "key is null");
        requireNonNull(source, "source is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return message + " (" + source + ")";
    }
}
