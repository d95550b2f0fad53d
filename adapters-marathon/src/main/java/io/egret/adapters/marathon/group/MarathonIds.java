package io.egret.adapters.marathon.group;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyName;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Marathon ids of a topology: the group {@code /heron/topologies/<segment>} and one app {@code <group>/<container>}
 * per container. Topology names allow upper case and {@code _}; Marathon's id segments do not, so the segment is
 * the name in lower case with {@code _} as {@code -}. A name whose segment still breaks Marathon's rule (a label
 * ending in {@code -}, a reserved word) is refused before anything is changed. Two names can map to one segment;
 * the apps' labels carry the exact name, so one topology never acts on another's group.
 */
public final class MarathonIds {
    /** Every group lives under this one, so that Heron's groups are easy to find and to tell apart. */
    public static final String ROOT = "/heron/topologies";

    /** Marathon's rule for one path segment ({@code PathId}). */
    private static final Pattern SEGMENT = Pattern.compile(
            "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$");

    private static final Set<String> RESERVED = Set.of("restart", "tasks", "versions", ".", "..");

    private MarathonIds() {}

    /**
     * The topology's group id.
     *
     * @throws EgretException {@code USER_ERROR} naming the rule the mapped name breaks
     */
    public static String groupId(TopologyName name) {
        String segment = name.value().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
            throw EgretException.userError("topology name '" + name + "' cannot be a Marathon id: as '" + segment
                    + "' it breaks Marathon's id rule (dot-separated labels of a-z, 0-9 and '-', each starting and"
                    + " ending with a letter or digit); rename the topology");
        }
        if (RESERVED.contains(segment)) {
            throw EgretException.userError("topology name '" + name + "' cannot be a Marathon id: '" + segment
                    + "' is reserved by Marathon (restart, tasks, versions); rename the topology");
        }
        return ROOT + "/" + segment;
    }

    public static String appId(String groupId, int containerId) {
        return groupId + "/" + containerId;
    }

    /** The container id of an app of the group, or empty for an id that is not one of its containers. */
    public static OptionalInt containerId(String groupId, String appId) {
        String prefix = groupId + "/";
        if (!appId.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        String rest = appId.substring(prefix.length());
        if (!rest.matches("0|[1-9][0-9]{0,8}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(rest));
    }
}
