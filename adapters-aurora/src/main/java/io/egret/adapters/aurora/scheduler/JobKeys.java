package io.egret.adapters.aurora.scheduler;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.util.List;
import java.util.regex.Pattern;

/** Aurora job keys: {@code cluster/role/environ/name}, each part by Aurora's identifier rule. */
final class JobKeys {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\w\\-.]{1,255}");

    private JobKeys() {}

    /**
     * @throws EgretException {@code USER_ERROR} if a part breaks Aurora's rule {@code ^[\w\-\.]+$}
     */
    static String of(ClusterTarget target, TopologyName name) {
        List<String> parts = List.of(target.cluster(), target.role(), target.environ(), name.toString());
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw EgretException.userError("'" + part + "' cannot be part of an Aurora job key: Aurora allows"
                        + " letters, digits, '_', '-' and '.', at most 255 of them");
            }
        }
        return String.join("/", parts);
    }
}
