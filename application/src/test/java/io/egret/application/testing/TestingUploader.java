package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

/** A content-addressed package store in memory: a package whose digest is already stored is not stored again. */
public final class TestingUploader implements UploaderPort {
    private final FaultInjector faults;
    private final Set<String> stored = new TreeSet<>();

    public TestingUploader(FaultInjector faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public synchronized UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage) {
        faults.check("uploader.upload");
        boolean created = stored.add(topologyPackage.sha256());
        return new UploadedPackage(uri(topologyPackage.sha256()), topologyPackage.sha256(), created);
    }

    @Override
    public synchronized void undo(UploadedPackage uploaded) {
        faults.check("uploader.undo");
        if (uploaded.created()) {
            stored.remove(uploaded.sha256());
        }
    }

    /** Stores a package as an earlier submit would have. */
    public synchronized void storeDirectly(String sha256) {
        stored.add(sha256);
    }

    /** The digests of every stored package. */
    public synchronized Set<String> storedPackages() {
        return Set.copyOf(stored);
    }

    public static URI uri(String sha256) {
        return URI.create("testing://packages/" + sha256 + ".tar.gz");
    }
}
