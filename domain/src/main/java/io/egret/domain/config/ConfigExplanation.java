package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything about one key for {@code heron config explain KEY}: what it means, its default, the value in effect
 * and where it came from, and the values it overrode. Secret values are already redacted.
 *
 * @param key the key's current name
 * @param askedAs the name asked about, when it was an older name of the key
 * @param known whether Egret knows the key (topology and unknown keys are shown without a description)
 * @param description one line; empty for keys Egret does not know
 * @param defaultValue the built-in default, tokens not expanded
 * @param value the value in effect, tokens expanded and secrets redacted
 * @param source where the value in effect came from
 * @param history every value the key had, lowest precedence first, as written and redacted
 */
public record ConfigExplanation(
        String key,
        Optional<String> askedAs,
        boolean known,
        String description,
        Optional<String> defaultValue,
        Optional<String> value,
        Optional<ConfigSource> source,
        List<ConfigEntry> history) {
    public ConfigExplanation {
        requireNonNull(key, "key is null");
        requireNonNull(askedAs, "askedAs is null");
        requireNonNull(description, "description is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(value, "value is null");
        requireNonNull(source, "source is null");
        history = List.copyOf(requireNonNull(history, "history is null"));
    }
}
