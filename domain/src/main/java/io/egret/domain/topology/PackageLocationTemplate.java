package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an uploader keeps a topology's packages, written with Heron's tokens {@code ${CLUSTER}}, {@code ${ROLE}},
 * {@code ${ENVIRON}} and {@code ${TOPOLOGY}} (e.g. {@code hdfs://nn:8020/heron/${CLUSTER}/${ROLE}/${TOPOLOGY}}).
 * Under the topology's location each package is {@code <sha256>/topology.tar.gz}.
 *
 * <p>Besides filling the tokens in for one topology, it answers the reverse question {@code heron list} asks:
 * which topologies have packages on a cluster, for one role and environ or any. {@link #search} gives the longest
 * fixed location to list under and the pattern that recognises a package below it and names its topology.
 */
public record PackageLocationTemplate(String template) {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{(CLUSTER|ROLE|ENVIRON|TOPOLOGY)}");
    private static final String PACKAGE = "/[0-9a-f]{64}/topology\\.tar\\.gz";

    /** @param template must name {@code ${TOPOLOGY}}: a location shared by several topologies cannot be searched */
    public PackageLocationTemplate {
        requireNonNull(template, "template is null");
        if (!template.contains("${TOPOLOGY}")) {
            throw new IllegalArgumentException("a package location must name ${TOPOLOGY}: " + template);
        }
    }

    /** The topology's location: every token filled in. */
    public String resolve(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        return template.replace("${CLUSTER}", target.cluster())
                .replace("${ROLE}", target.role())
                .replace("${ENVIRON}", target.environ())
                .replace("${TOPOLOGY}", name.value());
    }

    /**
     * How to find the packages of every topology on the cluster; a role or environ left empty matches any.
     *
     * @return the fixed location up to the last '/' before the first token that is not filled in, and the pattern
     *     for the rest of a package's location (from that '/')
     */
    public Search search(String cluster, Optional<String> role, Optional<String> environ) {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(role, "role is null");
        requireNonNull(environ, "environ is null");
        String known = template.replace("${CLUSTER}", cluster);
        if (role.isPresent()) {
            known = known.replace("${ROLE}", role.get());
        }
        if (environ.isPresent()) {
            known = known.replace("${ENVIRON}", environ.get());
        }
        int firstOpen = known.indexOf("${");
        // Without a '/' before the first open token the base is empty and the pattern covers the whole location.
        int baseEnd = Math.max(known.lastIndexOf('/', firstOpen), 0);
        StringBuilder rest = new StringBuilder();
        Matcher token = TOKEN.matcher(known).region(baseEnd, known.length());
        int from = baseEnd;
        boolean named = false;
        while (token.find()) {
            rest.append(Pattern.quote(known.substring(from, token.start())));
            if (!token.group(1).equals("TOPOLOGY")) {
                rest.append("[^/]+");
            } else if (named) {
                rest.append("\\k<topology>");
            } else {
                rest.append("(?<topology>[^/]+)");
                named = true;
            }
            from = token.end();
        }
        rest.append(Pattern.quote(known.substring(from))).append(PACKAGE);
        return new Search(known.substring(0, baseEnd), Pattern.compile(rest.toString()));
    }

    /** The base to list under, and the pattern for what follows it. */
    public record Search(String base, Pattern rest) {
        public Search {
            requireNonNull(base, "base is null");
            requireNonNull(rest, "rest is null");
        }

        /** The topology whose package this is, given what follows the base; empty when it is not a package. */
        public Optional<TopologyName> topologyOf(String afterBase) {
            Matcher matcher = rest.matcher(afterBase);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(TopologyName.of(matcher.group("topology")));
            } catch (EgretException notATopologyName) {
                return Optional.empty();
            }
        }
    }
}
