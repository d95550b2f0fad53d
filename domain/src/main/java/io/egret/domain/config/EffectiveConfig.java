package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The resolved configuration of one cluster: every key's value with tokens expanded and the source it came from.
 * Immutable; {@link #bind} returns a new configuration with what a command adds.
 *
 * <p>Every layer's value of a key is kept, so {@code heron config explain} can show what a later layer overrode.
 * Typed getters name the key and its source in their errors. {@link #toString()} never shows a secret.
 */
public final class EffectiveConfig {
    private final Map<String, List<ConfigEntry>> layers;
    private final Map<String, ConfigEntry> resolved;
    private final TokenEnvironment environment;

    private EffectiveConfig(Map<String, List<ConfigEntry>> layers, TokenEnvironment environment) {
        this.layers = layers;
        this.environment = environment;
        TokenSubstitution substitution = new TokenSubstitution(layers, environment);
        Map<String, ConfigEntry> values = new TreeMap<>();
        for (Map.Entry<String, List<ConfigEntry>> keyLayers : layers.entrySet()) {
            List<ConfigEntry> entries = keyLayers.getValue();
            ConfigEntry top = entries.get(entries.size() - 1);
            values.put(keyLayers.getKey(), top.withValue(substitution.resolve(keyLayers.getKey())));
        }
        this.resolved = Collections.unmodifiableMap(values);
    }

    /**
     * Builds a configuration from entries in precedence order, lowest first, filing older key names under the
     * current ones ({@link ConfigResolver} also adds the defaults, warns about old names and checks the keys).
     */
    static EffectiveConfig of(List<ConfigEntry> entriesLowestFirst, TokenEnvironment environment) {
        requireNonNull(entriesLowestFirst, "entriesLowestFirst is null");
        requireNonNull(environment, "environment is null");
        Map<String, List<ConfigEntry>> layers = new TreeMap<>();
        for (ConfigEntry entry : entriesLowestFirst) {
            String key = ConfigKey.find(entry.key()).map(ConfigKey::key).orElse(entry.key());
            layers.computeIfAbsent(key, name -> new ArrayList<>())
                    .add(new ConfigEntry(key, entry.value(), entry.source()));
        }
        layers.replaceAll((key, entries) -> List.copyOf(entries));
        return new EffectiveConfig(Collections.unmodifiableMap(layers), environment);
    }

    /**
     * A copy with cluster, role, environ and submitting user set from the command, so that {@code ${ROLE}} and the
     * like expand.
     */
    public EffectiveConfig bind(ClusterTarget target, String submitUser) {
        requireNonNull(target, "target is null");
        requireNonNull(submitUser, "submitUser is null");
        return with(List.of(
                commandLine(ConfigKey.CLUSTER, target.cluster()),
                commandLine(ConfigKey.ROLE, target.role()),
                commandLine(ConfigKey.ENVIRON, target.environ()),
                commandLine(ConfigKey.SUBMIT_USER, submitUser)));
    }

    /** A copy that knows the topology, so that {@code ${TOPOLOGY}} expands. */
    public EffectiveConfig bind(TopologyName topologyName) {
        requireNonNull(topologyName, "topologyName is null");
        return with(List.of(commandLine(ConfigKey.TOPOLOGY_NAME, topologyName.value())));
    }

    /** A copy that knows this submission's topology id, so that {@code ${TOPOLOGY_ID}} expands. */
    public EffectiveConfig bindTopologyId(String topologyId) {
        requireNonNull(topologyId, "topologyId is null");
        return with(List.of(commandLine(ConfigKey.TOPOLOGY_ID, topologyId)));
    }

    /** A copy with more entries on top; older key names are filed under the current ones. */
    public EffectiveConfig with(Collection<ConfigEntry> entries) {
        List<ConfigEntry> all = new ArrayList<>();
        layers.values().forEach(all::addAll);
        all.addAll(entries);
        return of(all, environment);
    }

    /** The expanded value, or empty when the key has neither a value nor a default. */
    public Optional<String> value(ConfigKey key) {
        return value(key.key());
    }

    /** The expanded value of any key, including {@code topology.*} keys and keys Egret does not know. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(resolved.get(key)).map(ConfigEntry::value);
    }

    /** The winning entry (expanded value and its source). */
    public Optional<ConfigEntry> entry(String key) {
        return Optional.ofNullable(resolved.get(key));
    }

    /** Every value the key had, lowest precedence first, as written (tokens not expanded). */
    public List<ConfigEntry> history(String key) {
        return layers.getOrDefault(key, List.of());
    }

    /**
     * What {@code heron config explain} shows for a key, under its current or an older name. Never contains a
     * secret.
     */
    public ConfigExplanation explain(String name) {
        requireNonNull(name, "name is null");
        Optional<ConfigKey> known = ConfigKey.find(name);
        String key = known.map(ConfigKey::key).orElse(name);
        return new ConfigExplanation(
                key,
                key.equals(name) ? Optional.empty() : Optional.of(name),
                known.isPresent(),
                known.map(ConfigKey::description).orElse(""),
                known.flatMap(ConfigKey::defaultValue).map(value -> Redaction.redact(key, value)),
                entry(key).map(ConfigEntry::displayValue),
                entry(key).map(ConfigEntry::source),
                history(key).stream()
                        .map(entry -> entry.withValue(entry.displayValue()))
                        .toList());
    }

    /** Where the key's value came from. */
    public Optional<ConfigSource> source(ConfigKey key) {
        return entry(key.key()).map(ConfigEntry::source);
    }

    /** A string value that must be set and fully expanded. */
    public String required(ConfigKey key) {
        return string(key)
                .orElseThrow(() -> EgretException.userError("missing required key " + key.key() + " ("
                        + key.description() + "); set it in the cluster's YAML files or with --config-property "
                        + key.key() + "=VALUE"));
    }

    /** A string value, fully expanded; an error if a token in it is still unknown for this command. */
    public Optional<String> string(ConfigKey key) {
        Optional<ConfigEntry> entry = entry(key.key());
        entry.ifPresent(present -> {
            List<String> remaining = TokenSubstitution.remainingTokens(present.value());
            if (!remaining.isEmpty()) {
                throw EgretException.userError(key.key() + " (" + present.source() + ") uses ${" + remaining.get(0)
                        + "}, which this command does not know; write the value out instead");
            }
        });
        return entry.map(ConfigEntry::value).filter(value -> !value.isEmpty());
    }

    /** A boolean ({@code true} or {@code false}, any case); an error naming key and source otherwise. */
    public boolean booleanValue(ConfigKey key) {
        ConfigEntry entry = typed(key);
        String value = entry.value().trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw badValue(entry, "true or false");
        };
    }

    /** A whole number; an error naming key and source otherwise. */
    public int intValue(ConfigKey key) {
        ConfigEntry entry = typed(key);
        try {
            return Integer.parseInt(entry.value().trim());
        } catch (NumberFormatException e) {
            throw badValue(entry, "a whole number");
        }
    }

    /** A whole number; an error naming key and source otherwise. */
    public long longValue(ConfigKey key) {
        ConfigEntry entry = typed(key);
        try {
            return Long.parseLong(entry.value().trim());
        } catch (NumberFormatException e) {
            throw badValue(entry, "a whole number");
        }
    }

    /** A finite number; an error naming key and source otherwise. */
    public double doubleValue(ConfigKey key) {
        ConfigEntry entry = typed(key);
        try {
            double value = Double.parseDouble(entry.value().trim());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw badValue(entry, "a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw badValue(entry, "a number");
        }
    }

    /** A value in milliseconds (Heron's {@code *.ms} keys); must not be negative. */
    public Duration millis(ConfigKey key) {
        long millis = longValue(key);
        if (millis < 0) {
            throw badValue(typed(key), "milliseconds, zero or more");
        }
        return Duration.ofMillis(millis);
    }

    /** A value in bytes (Heron's RAM and disk keys). */
    public ByteAmount bytes(ConfigKey key) {
        long bytes = longValue(key);
        if (bytes < 0) {
            throw badValue(typed(key), "a number of bytes, zero or more");
        }
        return ByteAmount.ofBytes(bytes);
    }

    /** A whole number that must be at least {@code minimum}. */
    public int intValue(ConfigKey key, int minimum) {
        int value = intValue(key);
        if (value < minimum) {
            throw badValue(typed(key), "a whole number of at least " + minimum);
        }
        return value;
    }

    /** Every winning entry with its expanded value, sorted by key. Contains secrets: never print it raw. */
    public List<ConfigEntry> entries() {
        return List.copyOf(resolved.values());
    }

    /** Key to shown value, sorted by key, with every secret replaced by {@code ****}. */
    public Map<String, String> redacted() {
        Map<String, String> shown = new LinkedHashMap<>();
        resolved.values().forEach(entry -> shown.put(entry.key(), entry.displayValue()));
        return Collections.unmodifiableMap(shown);
    }

    /**
     * Key to expanded value for every entry that is not a secret, sorted by key: the snapshot shipped in a
     * topology package, so that every container reads the config the CLI resolved. Credentials stay out of an
     * archive on shared storage; containers get them from their own environment.
     */
    public Map<String, String> withoutSecrets() {
        Map<String, String> snapshot = new LinkedHashMap<>();
        resolved.values().stream()
                .filter(entry -> !ConfigKey.isSecretName(entry.key()))
                .forEach(entry -> snapshot.put(entry.key(), entry.value()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** One line per key: {@code key = value  (source)}, secrets redacted. */
    public String toDisplayString() {
        return resolved.values().stream()
                .map(entry -> entry.key() + " = " + entry.displayValue() + "  (" + entry.source() + ")")
                .collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return "EffectiveConfig" + redacted();
    }

    private ConfigEntry typed(ConfigKey key) {
        ConfigEntry entry = resolved.get(key.key());
        if (entry == null || entry.value().isBlank()) {
            throw EgretException.userError("missing required key " + key.key() + " (" + key.description()
                    + "); set it in the cluster's YAML files or with --config-property " + key.key() + "=VALUE");
        }
        return entry;
    }

    private static EgretException badValue(ConfigEntry entry, String expected) {
        return EgretException.userError(
                entry.key() + " is '" + entry.displayValue() + "' in " + entry.source() + "; expected " + expected);
    }

    private static ConfigEntry commandLine(ConfigKey key, String value) {
        return new ConfigEntry(key.key(), value, ConfigSource.commandLine());
    }
}
