package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory setting whose per-topology tokens ({@code ${CLUSTER}}, {@code ${ROLE}}, {@code ${ENVIRON}},
 * {@code ${TOPOLOGY}}) are filled in when a topology is known; every other token must already be substituted by
 * the config loader.
 */
public record PathTemplate(String key, String template) {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Za-z_]+)}");

    /**
     * @param key the Heron config key the template came from, for error messages
     */
    public PathTemplate {
        requireNonNull(key, "key is null");
        requireNonNull(template, "template is null");
        if (template.isBlank()) {
            throw EgretException.userError(key + " is empty: set it to a directory");
        }
    }

    /** The absolute, normalized directory for one topology. */
    public Path resolve(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        Matcher matcher = TOKEN.matcher(template);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "CLUSTER" -> target.cluster();
                case "ROLE" -> target.role();
                case "ENVIRON" -> target.environ();
                case "TOPOLOGY" -> name.value();
                default ->
                    throw EgretException.userError(key + " '" + template
                            + "' uses the unknown token " + matcher.group()
                            + "; known here: ${CLUSTER}, ${ROLE}, ${ENVIRON}, ${TOPOLOGY}");
            };
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return Path.of(resolved.toString()).toAbsolutePath().normalize();
    }
}
