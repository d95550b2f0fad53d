package io.egret.ports.out;

/** Builds the topology package that the uploader ships and every container unpacks. */
public interface TopologyPackagerPort {

    /**
     * Writes the package to a private temporary file. Building the same inputs twice yields the same digest, so
     * an unchanged topology is not uploaded again.
     *
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the topology file cannot be read
     */
    TopologyPackage build(PackageRequest request);

    /** Deletes the local package file; missing is fine. */
    void discard(TopologyPackage topologyPackage);
}
