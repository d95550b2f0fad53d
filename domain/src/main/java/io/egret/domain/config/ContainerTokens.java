package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $JAVA_HOME} and {@code $HERON_HOME} (also braced) as the place where a container runs sees them. The
 * client leaves them in the container-side keys ({@code heron.directory.home}, {@code
 * heron.directory.sandbox.java.home}, {@code heron.directory.cluster.home|conf}) and in what derives from them; a
 * scheduler expands them for its containers: the local scheduler with this machine's values, a container shell with
 * its own environment.
 *
 * @param javaHome what {@code $JAVA_HOME} is where the container runs
 * @param heronHome what {@code $HERON_HOME} is where the container runs
 */
public record ContainerTokens(String javaHome, String heronHome) {
    /** The token names kept for the container. */
    public static final Set<String> NAMES = Set.of(ConfigKey.JAVA_HOME_TOKEN, "HERON_HOME");

    private static final Pattern TOKEN = Pattern.compile("\\$\\{(JAVA_HOME|HERON_HOME)}|\\$(JAVA_HOME|HERON_HOME)\\b");

    public ContainerTokens {
        requireNonNull(javaHome, "javaHome is null");
        requireNonNull(heronHome, "heronHome is null");
    }

    /** The value with every container token replaced. */
    public String expand(String value) {
        Matcher matcher = TOKEN.matcher(requireNonNull(value, "value is null"));
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            matcher.appendReplacement(
                    result, Matcher.quoteReplacement(name.equals(ConfigKey.JAVA_HOME_TOKEN) ? javaHome : heronHome));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
