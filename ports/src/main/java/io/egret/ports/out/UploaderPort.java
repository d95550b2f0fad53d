package io.egret.ports.out;

import io.egret.domain.topology.ClusterTarget;

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
}
