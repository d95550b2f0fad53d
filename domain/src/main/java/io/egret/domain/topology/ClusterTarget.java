package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.regex.Pattern;

/**
 * Where a topology runs: {@code cluster/role/environ}, as typed on the command line.
 *
 * <p>Defaults follow Heron's intent without its quirk: a missing role becomes the submitting user and a
 * missing environ becomes {@code default}, each on its own (Heron left the environ empty for
 * {@code cluster/role}). A cluster whose {@code client.yaml} requires role or environ refuses to default them.
 */
public record ClusterTarget(String cluster, String role, String environ) {
    public static final String DEFAULT_ENVIRON = "default";

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ClusterTarget {
        requireNonNull(cluster, "cluster is null");
        requireNonNull(role, "role is null");
        requireNonNull(environ, "environ is null");
        checkPart("cluster", cluster);
        checkPart("role", role);
        checkPart("environ", environ);
    }

    /**
     * The cluster name of {@code cluster[/role[/environ]]}, checked: an empty name or a leading {@code /} is a user
     * error here, before any directory is looked up under that name.
     */
    public static String clusterName(String spec) {
        requireNonNull(spec, "spec is null");
        String[] parts = spec.split("/", -1);
        if (parts.length > 3) {
            throw EgretException.userError(
                    "invalid cluster '" + spec + "': expected CLUSTER[/ROLE[/ENV]] with at most two '/'");
        }
        if (parts[0].isEmpty()) {
            throw EgretException.userError("invalid cluster '" + spec
                    + "': the cluster name is empty; the first argument is CLUSTER[/ROLE[/ENV]], for example local");
        }
        checkPart("cluster", parts[0]);
        return parts[0];
    }

    /**
     * Parses {@code cluster[/role[/environ]]}.
     *
     * @param submitUser the user name that fills a missing role
     * @param roleRequired the cluster's {@code heron.config.is.role.required}
     * @param environRequired the cluster's {@code heron.config.is.env.required}
     */
    public static ClusterTarget parse(String spec, String submitUser, boolean roleRequired, boolean environRequired) {
        requireNonNull(spec, "spec is null");
        String[] parts = spec.split("/", -1);
        if (parts.length > 3) {
            throw EgretException.userError(
                    "invalid cluster '" + spec + "': expected CLUSTER[/ROLE[/ENV]] with at most two '/'");
        }
        String cluster = parts[0];
        String role = parts.length > 1 ? parts[1] : "";
        String environ = parts.length > 2 ? parts[2] : "";
        if (cluster.isEmpty()) {
            throw EgretException.userError("invalid cluster '" + spec + "': the cluster name is empty");
        }
        if (role.isEmpty()) {
            if (roleRequired) {
                throw EgretException.userError("cluster '" + cluster
                        + "' requires a role (heron.config.is.role.required): use " + cluster + "/ROLE/ENV");
            }
            role = submitUser;
        }
        if (environ.isEmpty()) {
            if (environRequired) {
                throw EgretException.userError("cluster '" + cluster
                        + "' requires an environ (heron.config.is.env.required): use " + cluster + "/" + role
                        + "/ENV");
            }
            environ = DEFAULT_ENVIRON;
        }
        return new ClusterTarget(cluster, role, environ);
    }

    private static void checkPart(String what, String value) {
        if (!PART.matcher(value).matches()) {
            throw EgretException.userError("invalid " + what + " '" + value
                    + "': use letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return cluster + "/" + role + "/" + environ;
    }
}
