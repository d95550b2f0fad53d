package io.egret.adapters.local.files;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** A directory the template resolves to for some topology, found by {@link #existing}. */
    public record Match(TopologyName name, Path directory) {}

    /**
     * The existing directories this template resolves to for the given cluster and any topology (and any role and
     * environ where those are empty), with the topology each belongs to; none when the template does not name
     * the topology.
     */
    public List<Match> existing(String cluster, Optional<String> role, Optional<String> environ) throws IOException {
        requireNonNull(cluster, "cluster is null");
        if (!template.contains("${TOPOLOGY}")) {
            return List.of();
        }
        String absolute = template.startsWith("/") ? template : Path.of("").toAbsolutePath() + "/" + template;
        List<String> components = new ArrayList<>();
        for (String component : absolute.split("/")) {
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        List<Match> matches = new ArrayList<>();
        walk(Path.of("/"), components, 0, null, cluster, role, environ, matches);
        return matches;
    }

    private void walk(
            Path at,
            List<String> components,
            int index,
            String topology,
            String cluster,
            Optional<String> role,
            Optional<String> environ,
            List<Match> matches)
            throws IOException {
        if (index == components.size()) {
            if (topology != null) {
                topologyName(topology).ifPresent(name -> matches.add(new Match(name, at)));
            }
            return;
        }
        String component = components.get(index);
        if (!TOKEN.matcher(component).find()) {
            Path next = at.resolve(component);
            if (Files.isDirectory(next)) {
                walk(next, components, index + 1, topology, cluster, role, environ, matches);
            }
            return;
        }
        Pattern pattern = componentPattern(component, cluster, role, environ);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(at, Files::isDirectory)) {
            for (Path entry : entries) {
                Matcher matcher = pattern.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    String name = pattern.pattern().contains("(?<topology>") ? matcher.group("topology") : topology;
                    walk(entry, components, index + 1, name, cluster, role, environ, matches);
                }
            }
        }
    }

    /** A directory whose name is not a valid topology name is not a topology's. */
    private static Optional<TopologyName> topologyName(String value) {
        try {
            return Optional.of(TopologyName.of(value));
        } catch (EgretException e) {
            return Optional.empty();
        }
    }

    private Pattern componentPattern(
            String component, String cluster, Optional<String> role, Optional<String> environ) {
        Matcher matcher = TOKEN.matcher(component);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        boolean topologySeen = false;
        while (matcher.find()) {
            regex.append(Pattern.quote(component.substring(last, matcher.start())));
            String token = matcher.group(1);
            Optional<String> known = switch (token) {
                case "CLUSTER" -> Optional.of(cluster);
                case "ROLE" -> role;
                case "ENVIRON" -> environ;
                case "TOPOLOGY" -> Optional.empty();
                default ->
                    throw EgretException.userError(key + " '" + template + "' uses the unknown token " + matcher.group()
                            + "; known here: ${CLUSTER}, ${ROLE}, ${ENVIRON}, ${TOPOLOGY}");
            };
            if (known.isPresent()) {
                regex.append(Pattern.quote(known.get()));
            } else if (token.equals("TOPOLOGY") && !topologySeen) {
                regex.append("(?<topology>[^/]+)");
                topologySeen = true;
            } else {
                regex.append("[^/]+");
            }
            last = matcher.end();
        }
        regex.append(Pattern.quote(component.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
