package io.egret.domain.config;

import io.egret.domain.error.EgretException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds keys Egret does not know. Each gets a warning with the nearest known key ("did you mean"); under
 * {@code --strict-config} they are one error listing them all.
 *
 * <p>Some keys are accepted without a warning although Egret does not read them: topology configuration
 * ({@code topology.*}, allowed in override files), and the settings of Heron's in-container subsystems (health
 * manager, checkpointing, internals), which copied Heron files and {@code --config-property} may carry.
 */
public final class ConfigValidator {
    private static final List<String> TOLERATED_PREFIXES = List.of(
            "topology.",
            "heron.healthmgr.",
            "heron.class.health.policies",
            "heron.statefulstorage.",
            "heron.ckptmgr.",
            "heron.logging.",
            "heron.check.",
            "heron.instance.",
            "heron.stmgr.",
            "heron.streammgr.",
            "heron.tmanager.",
            "heron.tmaster.",
            "heron.metricsmgr.",
            "heron.metricscachemgr.",
            "heron.metrics.");

    /** Heron's health manager file names its policy sections freely. */
    private static final String HEALTH_MANAGER_FILE = "healthmgr.yaml";

    private static final int MAXIMUM_SUGGESTION_DISTANCE = 3;

    private ConfigValidator() {}

    /**
     * Checks keys as written (before alias mapping).
     *
     * @param strict {@code --strict-config}: unknown keys are an error instead of warnings
     * @return one warning per unknown key
     */
    public static List<ConfigWarning> checkKeys(List<ConfigEntry> entries, boolean strict) {
        List<ConfigWarning> warnings = new ArrayList<>();
        for (ConfigEntry entry : entries) {
            if (isAccepted(entry)) {
                continue;
            }
            String suggestion = suggestion(entry.key())
                    .map(name -> "; did you mean " + name + "?")
                    .orElse("");
            warnings.add(new ConfigWarning(entry.key(), entry.source(), "unknown key " + entry.key() + suggestion));
        }
        if (strict && !warnings.isEmpty()) {
            throw EgretException.userError("unknown configuration keys (--strict-config): "
                    + warnings.stream().map(ConfigWarning::toString).collect(Collectors.joining(", ")));
        }
        return warnings;
    }

    /** The known key nearest to a misspelt one, if one is near enough to be a likely typo. */
    public static Optional<String> suggestion(String unknownKey) {
        return Arrays.stream(ConfigKey.values())
                .flatMap(key -> Stream.concat(Stream.of(key.key()), key.aliases().stream())
                        .map(name -> new Candidate(key.key(), distance(unknownKey, name))))
                .filter(candidate -> candidate.distance() <= MAXIMUM_SUGGESTION_DISTANCE)
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::key))
                .map(Candidate::key);
    }

    private static boolean isAccepted(ConfigEntry entry) {
        if (ConfigKey.find(entry.key()).isPresent()) {
            return true;
        }
        if (entry.source().kind() == ConfigSource.Kind.CLUSTER_FILE
                && entry.source().location().endsWith(HEALTH_MANAGER_FILE)) {
            return true;
        }
        return TOLERATED_PREFIXES.stream().anyMatch(prefix -> entry.key().startsWith(prefix));
    }

    /** Levenshtein distance. */
    static int distance(String left, String right) {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int column = 0; column <= right.length(); column++) {
            previous[column] = column;
        }
        for (int row = 1; row <= left.length(); row++) {
            current[0] = row;
            for (int column = 1; column <= right.length(); column++) {
                int substitution = left.charAt(row - 1) == right.charAt(column - 1) ? 0 : 1;
                current[column] = Math.min(
                        Math.min(current[column - 1] + 1, previous[column] + 1), previous[column - 1] + substitution);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }

    private record Candidate(String key, int distance) {}
}
