package io.egret.ports.out;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Puts topology packages where containers can fetch them. Content-addressed: a package whose content is already
 * stored is not transferred again.
 */
public interface UploaderPort {

    /**
     * Stores the package for the given target and returns the URI containers fetch it from.
     *
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} if the storage cannot be reached, with the
     *     location and the cause
     */
    UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage);

    /**
     * Removes what {@link #upload} added, and nothing else: a package that was already stored stays. Missing is
     * fine.
     */
    void undo(UploadedPackage uploaded);

    /**
     * Every package stored for the topology on this target, whichever submission stored it: what a kill removes
     * and, when the topology has no state, what a crashed submit left behind. Uploaders that cannot list have none.
     */
    default List<URI> storedPackages(ClusterTarget target, TopologyName name) {
        return List.of();
    }

    /** Removes every package stored for the topology on this target, with its bookkeeping; missing is fine. */
    default void removePackages(ClusterTarget target, TopologyName name) {}

    /**
     * The topologies with a stored package on the cluster (any role or environ where those are empty), sorted, for
     * {@code heron list} to show packages that no state refers to. Uploaders that cannot list have none.
     */
    default List<TopologyName> topologiesWithPackages(String cluster, Optional<String> role, Optional<String> environ) {
        return List.of();
    }
}
