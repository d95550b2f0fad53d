package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.PackageRequest;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.TopologyPackagerPort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds packages as names of temporary files it keeps track of (nothing touches the disk). The digest depends
 * only on the inputs, as the real packager's does, so building the same topology twice yields the same digest.
 */
public final class TestingPackager implements TopologyPackagerPort {
    private final FaultInjector faults;
    private final Set<Path> files = new TreeSet<>();
    private int built;

    public TestingPackager(FaultInjector faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public synchronized TopologyPackage build(PackageRequest request) {
        faults.check("packager.build");
        built++;
        Path file = Path.of("/tmp/egret-testing", request.definition().name() + "-" + built + ".tar.gz");
        files.add(file);
        String content = request.definition() + "|" + request.topologyFile() + "|" + request.config();
        return new TopologyPackage(request.definition().name(), file, sha256(content), content.length());
    }

    @Override
    public synchronized void discard(TopologyPackage topologyPackage) {
        faults.check("packager.discard");
        files.remove(topologyPackage.file());
    }

    /** The package files built and not discarded. */
    public synchronized Set<Path> temporaryFiles() {
        return Set.copyOf(files);
    }

    private static String sha256(String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-256", missing);
        }
    }
}
