package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Expands Heron's {@code ${TOKEN}} references in configuration values.
 *
 * <p>Same tokens as Heron, without its surprises: a token is replaced wherever it appears (Heron only replaced whole
 * path components, so {@code a-${CLUSTER}} stayed literal), URLs are left intact (no path normalisation of
 * {@code file:///x}), substitution repeats through chains of keys with a cycle guard, and an unknown token is an
 * error naming the key and file rather than text silently left in a path. The bare {@code $JAVA_HOME} and
 * {@code $HERON_HOME} forms of the DC/OS guide are accepted for known tokens. A key whose value refers to its own
 * token extends the value beneath it, the way {@code PATH=$PATH:...} does in a shell.
 *
 * <p>Tokens that only a command can know ({@code ${ROLE}}, {@code ${TOPOLOGY}}, {@code ${TOPOLOGY_ID}}, ...) stay
 * in place while their key has no value, and are expanded once {@link EffectiveConfig#bind} supplies them.
 */
final class TokenSubstitution {
    /** {@code ${NAME}}, or {@code $NAME} for a known token; group 1 or 2 holds the name. */
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([^}]*)}|\\$([A-Z][A-Z0-9_]*)");

    /**
     * Keys read where the containers run. {@code $JAVA_HOME} and {@code $HERON_HOME} in them are the container's
     * (the DC/OS guide and Heron's stock files write {@code heron.directory.sandbox.java.home: $JAVA_HOME}), so the
     * client leaves them in place and the scheduler side expands them ({@link ContainerTokens}).
     */
    private static final Set<String> CONTAINER_KEYS = Set.of(
            ConfigKey.HERON_HOME.key(),
            ConfigKey.SANDBOX_JAVA_HOME.key(),
            ConfigKey.CLUSTER_HOME.key(),
            ConfigKey.CLUSTER_CONF.key());

    private static final Set<String> LATE_TOKENS = Set.of(
            "CLUSTER", "ROLE", "ENVIRON", "SUBMIT_USER", ConfigKey.TOPOLOGY_TOKEN, "TOPOLOGY_NAME", "TOPOLOGY_ID");

    private final Map<String, List<ConfigEntry>> layers;
    private final TokenEnvironment environment;

    /**
     * @param layers every value of every key, lowest precedence first, keyed by the key's name
     */
    TokenSubstitution(Map<String, List<ConfigEntry>> layers, TokenEnvironment environment) {
        this.layers = requireNonNull(layers, "layers is null");
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** The expanded value of the key's top entry. */
    String resolve(String key) {
        List<ConfigEntry> entries = layers.get(key);
        return resolve(key, entries.size() - 1, new LinkedHashSet<>());
    }

    /** The token names still present in an expanded value, in order. */
    static List<String> remainingTokens(String value) {
        List<String> names = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(value);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (ContainerTokens.NAMES.contains(name)) {
                continue; // the container's, expanded where it runs
            }
            if (matcher.group(1) != null || isKnownToken(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean isKnownToken(String name) {
        return name.equals(ConfigKey.HOME_TOKEN)
                || name.equals(ConfigKey.JAVA_HOME_TOKEN)
                || ConfigKey.forToken(name).isPresent();
    }

    /** Every token name Egret knows, for error messages and docs. */
    static List<String> knownTokens() {
        return Stream.concat(
                        Stream.of(ConfigKey.HOME_TOKEN, ConfigKey.JAVA_HOME_TOKEN, ConfigKey.TOPOLOGY_TOKEN),
                        Arrays.stream(ConfigKey.values()).flatMap(key -> key.token().stream()))
                .sorted()
                .toList();
    }

    private String resolve(String key, int depth, Set<String> inProgress) {
        String frame = key + "#" + depth;
        if (!inProgress.add(frame)) {
            String chain = Stream.concat(inProgress.stream(), Stream.of(frame))
                    .map(step -> step.substring(0, step.indexOf('#')))
                    .collect(Collectors.joining(" -> "));
            throw EgretException.userError("configuration values refer to each other in a cycle: " + chain
                    + "; set one of them to a plain value");
        }
        ConfigEntry entry = layers.get(key).get(depth);
        String value = entry.value();
        StringBuilder result = new StringBuilder();
        if (value.equals("~") || value.startsWith("~/")) {
            // Heron's ~ for the user's home, as the first path component.
            result.append(environment.userHome());
            value = value.substring(1);
        }
        Matcher matcher = TOKEN.matcher(value);
        while (matcher.find()) {
            boolean braced = matcher.group(1) != null;
            String name = braced ? matcher.group(1) : matcher.group(2);
            Optional<String> replacement = replacement(entry, depth, name, braced, inProgress);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.orElse(matcher.group())));
        }
        matcher.appendTail(result);
        inProgress.remove(frame);
        return result.toString();
    }

    /** The text for one token, or empty to leave it in place. */
    private Optional<String> replacement(
            ConfigEntry entry, int depth, String name, boolean braced, Set<String> inProgress) {
        if (CONTAINER_KEYS.contains(entry.key()) && ContainerTokens.NAMES.contains(name)) {
            return Optional.empty();
        }
        if (name.equals(ConfigKey.HOME_TOKEN)) {
            return Optional.of(environment.userHome());
        }
        if (name.equals(ConfigKey.JAVA_HOME_TOKEN)) {
            return Optional.of(environment.javaHome());
        }
        Optional<ConfigKey> target = ConfigKey.forToken(name);
        if (target.isEmpty()) {
            if (!braced) {
                // A bare $WORD that is no token of ours is ordinary text, e.g. "$(hadoop classpath)".
                return Optional.empty();
            }
            throw EgretException.userError("unknown token ${" + name + "} in " + entry.key() + " (" + entry.source()
                    + "); known tokens: "
                    + knownTokens().stream().map(token -> "${" + token + "}").collect(Collectors.joining(", ")));
        }
        String targetKey = target.get().key();
        List<ConfigEntry> targetEntries = layers.getOrDefault(targetKey, List.of());
        int targetDepth = targetKey.equals(entry.key()) ? depth - 1 : targetEntries.size() - 1;
        if (targetDepth < 0) {
            if (LATE_TOKENS.contains(name)) {
                return Optional.empty();
            }
            throw EgretException.userError(entry.key() + " (" + entry.source() + ") uses ${" + name + "}, but "
                    + targetKey + " has no value; set " + targetKey + " or write the value out");
        }
        return Optional.of(resolve(targetKey, targetDepth, inProgress));
    }
}
