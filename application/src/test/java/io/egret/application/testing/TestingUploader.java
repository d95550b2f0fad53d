package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** A content-addressed package store in memory: a package whose digest is already stored is not stored again. */
public final class TestingUploader implements UploaderPort {
    private final FaultInjector faults;
    private final Set<String> stored = new TreeSet<>();
    private final Map<String, TopologyName> owners = new HashMap<>();

    public TestingUploader(FaultInjector faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public synchronized UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage) {
        faults.check("uploader.upload");
        boolean created = stored.add(topologyPackage.sha256());
        owners.put(topologyPackage.sha256(), topologyPackage.name());
        return new UploadedPackage(uri(topologyPackage.sha256()), topologyPackage.sha256(), created);
    }

    @Override
    public synchronized void undo(UploadedPackage uploaded) {
        faults.check("uploader.undo");
        if (uploaded.created()) {
            stored.remove(uploaded.sha256());
        }
    }

    @Override
    public synchronized List<URI> storedPackages(ClusterTarget target, TopologyName name) {
        faults.check("uploader.storedPackages");
        return stored.stream()
                .filter(sha256 -> name.equals(owners.get(sha256)))
                .map(TestingUploader::uri)
                .toList();
    }

    @Override
    public synchronized void removePackages(ClusterTarget target, TopologyName name) {
        faults.check("uploader.removePackages");
        stored.removeIf(sha256 -> name.equals(owners.get(sha256)));
    }

    @Override
    public synchronized List<TopologyName> topologiesWithPackages(
            String cluster, Optional<String> role, Optional<String> environ) {
        return stored.stream()
                .map(owners::get)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    /** Stores a package of a topology as a submit that crashed right after uploading would have. */
    public synchronized void storeDirectly(String sha256, TopologyName name) {
        stored.add(sha256);
        owners.put(sha256, name);
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
