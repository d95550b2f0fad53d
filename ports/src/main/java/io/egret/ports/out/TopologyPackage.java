package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyName;
import java.nio.file.Path;

/**
 * A topology package on local disk: the author's binary, the topology definition and the effective config, as
 * one archive. The digest makes uploads content-addressed.
 *
 * @param sha256 lower-case hex SHA-256 of the archive
 */
public record TopologyPackage(TopologyName name, Path file, String sha256, long size) {
    public TopologyPackage {
        requireNonNull(name, "name is null");
        requireNonNull(file, "file is null");
        requireNonNull(sha256, "sha256 is null");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }
}
