package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code heron update --runtime-config} item: a config key set to a new value while the topology runs, for the
 * whole topology ({@code NAME:VALUE}) or for one component ({@code COMPONENT:NAME:VALUE}).
 *
 * @param component the component the change applies to; empty for every component of the topology
 */
public record RuntimeConfigChange(Optional<String> component, String key, String value) {
    /** Heron's item syntax: {@code ^([\w\.-]+:){1,2}[\w\.-]+$}. */
    private static final Pattern ITEM = Pattern.compile("^(?:([\\w.-]+):)?([\\w.-]+):([\\w.-]+)$");

    private static final Pattern TOKEN = Pattern.compile("[\\w.-]+");

    public RuntimeConfigChange {
        requireNonNull(component, "component is null");
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        component.ifPresent(name -> requireToken("component", name));
        requireToken("key", key);
        requireToken("value", value);
    }

    /** A change for the whole topology. */
    public static RuntimeConfigChange topology(String key, String value) {
        return new RuntimeConfigChange(Optional.empty(), key, value);
    }

    /** A change for one component. */
    public static RuntimeConfigChange component(String component, String key, String value) {
        return new RuntimeConfigChange(Optional.of(component), key, value);
    }

    /**
     * Parses {@code [COMPONENT:]NAME:VALUE}.
     *
     * @throws EgretException {@code USER_ERROR} if the item does not match Heron's syntax
     */
    public static RuntimeConfigChange parse(String item) {
        requireNonNull(item, "item is null");
        Matcher matcher = ITEM.matcher(item);
        if (!matcher.matches()) {
            throw EgretException.userError("--runtime-config '" + item
                    + "' must look like NAME:VALUE or COMPONENT:NAME:VALUE (letters, digits, '_', '.', '-'),"
                    + " e.g. count:my.key:42");
        }
        return new RuntimeConfigChange(Optional.ofNullable(matcher.group(1)), matcher.group(2), matcher.group(3));
    }

    /** The item as Heron's CLI and topology master spell it: {@code [COMPONENT:]NAME:VALUE}. */
    public String item() {
        return component.map(name -> name + ":").orElse("") + key + ":" + value;
    }

    @Override
    public String toString() {
        return item();
    }

    private static void requireToken(String what, String text) {
        if (!TOKEN.matcher(text).matches()) {
            throw EgretException.userError(
                    "runtime config " + what + " '" + text + "' may only contain letters, digits, '_', '.' and '-'");
        }
    }
}
