package io.egret.app.cli;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a mistyped CLI flag from an argument meant for someone else. Heron hands arguments it does not know to the
 * topology (submit) or ignores them (the other commands), so a typo of one of the CLI's own flags, such as
 * {@code --dry-rn}, silently did something else than asked. An argument is a near miss when, compared without case
 * and with {@code _} read as {@code -}, it is at most one edit (two for flags of eight characters or more) from a
 * flag of the command without being that flag.
 */
final class NearMisses {
    private NearMisses() {}

    /** The first argument that is a near miss, with the flag it nearly is. */
    static Optional<NearMiss> find(List<String> arguments, Collection<String> flags) {
        for (String argument : arguments) {
            Optional<String> flag = nearestFlag(argument, flags);
            if (flag.isPresent()) {
                return Optional.of(new NearMiss(argument, flag.get()));
            }
        }
        return Optional.empty();
    }

    /** The flag {@code argument} nearly is, or empty when it is no flag-like argument or not near any flag. */
    static Optional<String> nearestFlag(String argument, Collection<String> flags) {
        if (!argument.startsWith("-") || argument.length() <= 2) {
            return Optional.empty();
        }
        int equals = argument.indexOf('=');
        String name = equals < 0 ? argument : argument.substring(0, equals);
        if (flags.contains(name)) {
            return Optional.empty();
        }
        String typed = normalised(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String flag : flags) {
            if (!flag.startsWith("--")) {
                continue;
            }
            int distance = distance(typed, normalised(flag));
            int allowed = flag.length() >= 8 ? 2 : 1;
            if (distance <= allowed && distance < bestDistance) {
                best = flag;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** An argument and the flag it nearly is. */
    record NearMiss(String argument, String flag) {}
}
