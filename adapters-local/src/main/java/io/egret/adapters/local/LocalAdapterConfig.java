package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the local adapters, resolved from the cluster's Heron config by the wiring.
 *
 * @param stateRoot {@code heron.statemgr.root.path}, tokens substituted (Heron's default
 *     {@code ${HOME}/.herondata/repository/state/${CLUSTER}})
 * @param initializeStateTree {@code heron.statemgr.localfs.is.initialize.file.tree} (Heron's default true)
 * @param stateMutexTimeout how long a state change waits for another process's change of the same topology
 * @param uploaderDirectory {@code heron.uploader.localfs.file.system.directory} with every token substituted
 *     except {@code ${CLUSTER}}, {@code ${ROLE}}, {@code ${ENVIRON}} and {@code ${TOPOLOGY}}, which the uploader
 *     fills in per topology (Heron's default {@code ${HOME}/.herondata/repository/topologies/${CLUSTER}/${ROLE}/
 *     ${TOPOLOGY}})
 * @param javaBinary the {@code java} launcher for child JVMs (the topology author's main class)
 * @param apiClassPath the jars a topology's main class runs against: Egret's api, codec and domain modules and
 *     Jackson
 * @param topologyLoadTimeout how long the author's main class may run before it is killed
 * @param temporaryDirectory where private temporary directories (packages, definition files) are made
 */
public record LocalAdapterConfig(
        Path stateRoot,
        boolean initializeStateTree,
        Duration stateMutexTimeout,
        String uploaderDirectory,
        Path javaBinary,
        List<Path> apiClassPath,
        Duration topologyLoadTimeout,
        Path temporaryDirectory) {

    public LocalAdapterConfig {
        requireNonNull(stateRoot, "stateRoot is null");
        requireNonNull(stateMutexTimeout, "stateMutexTimeout is null");
        requireNonNull(uploaderDirectory, "uploaderDirectory is null");
        requireNonNull(javaBinary, "javaBinary is null");
        apiClassPath = List.copyOf(requireNonNull(apiClassPath, "apiClassPath is null"));
        requireNonNull(topologyLoadTimeout, "topologyLoadTimeout is null");
        requireNonNull(temporaryDirectory, "temporaryDirectory is null");
    }

    /**
     * Heron's defaults for the {@code local} cluster: state under {@code <home>/.herondata/repository/state/
     * <cluster>}, packages under {@code <home>/.herondata/repository/topologies/<cluster>/${ROLE}/${TOPOLOGY}},
     * this JVM's {@code java}, a 120 s limit for the author's main class, no API class path.
     */
    public static LocalAdapterConfig defaults(Path home, String cluster) {
        requireNonNull(home, "home is null");
        requireNonNull(cluster, "cluster is null");
        Path repository = home.resolve(".herondata").resolve("repository");
        return new LocalAdapterConfig(
                repository.resolve("state").resolve(cluster),
                true,
                Duration.ofSeconds(30),
                repository.resolve("topologies").resolve(cluster) + "/${ROLE}/${TOPOLOGY}",
                Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of(),
                Duration.ofSeconds(120),
                Path.of(System.getProperty("java.io.tmpdir")));
    }

    public LocalAdapterConfig withStateRoot(Path newStateRoot) {
        return new LocalAdapterConfig(
                newStateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                topologyLoadTimeout,
                temporaryDirectory);
    }

    public LocalAdapterConfig withUploaderDirectory(String newUploaderDirectory) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                newUploaderDirectory,
                javaBinary,
                apiClassPath,
                topologyLoadTimeout,
                temporaryDirectory);
    }

    public LocalAdapterConfig withApiClassPath(List<Path> newApiClassPath) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                newApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory);
    }

    public LocalAdapterConfig withTemporaryDirectory(Path newTemporaryDirectory) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                topologyLoadTimeout,
                newTemporaryDirectory);
    }
}
