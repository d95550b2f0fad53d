package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * @param heronApiClassPath the jars that run a topology built against Heron's API ({@code lib/heron-compat/}:
 *     Egret's heron-compat and Heron's heron-api), added to the author's class path only for such a topology;
 *     empty when the installation has no Heron-API support
 * @param topologyLoadTimeout how long the author's main class may run before it is killed
 * @param temporaryDirectory where private temporary directories (packages, definition files) are made
 * @param scheduler the local scheduler's settings
 */
public record LocalAdapterConfig(
        Path stateRoot,
        boolean initializeStateTree,
        Duration stateMutexTimeout,
        String uploaderDirectory,
        Path javaBinary,
        List<Path> apiClassPath,
        List<Path> heronApiClassPath,
        Duration topologyLoadTimeout,
        Path temporaryDirectory,
        SchedulerConfig scheduler) {

    /** The module topology authors compile against. */
    public static final String API_MODULE = "io.egret.api";

    public LocalAdapterConfig {
        requireNonNull(stateRoot, "stateRoot is null");
        requireNonNull(stateMutexTimeout, "stateMutexTimeout is null");
        requireNonNull(uploaderDirectory, "uploaderDirectory is null");
        requireNonNull(javaBinary, "javaBinary is null");
        apiClassPath = List.copyOf(requireNonNull(apiClassPath, "apiClassPath is null"));
        heronApiClassPath = List.copyOf(requireNonNull(heronApiClassPath, "heronApiClassPath is null"));
        requireNonNull(topologyLoadTimeout, "topologyLoadTimeout is null");
        requireNonNull(temporaryDirectory, "temporaryDirectory is null");
        requireNonNull(scheduler, "scheduler is null");
    }

    /** Settings without Heron-API support. */
    public LocalAdapterConfig(
            Path stateRoot,
            boolean initializeStateTree,
            Duration stateMutexTimeout,
            String uploaderDirectory,
            Path javaBinary,
            List<Path> apiClassPath,
            Duration topologyLoadTimeout,
            Path temporaryDirectory,
            SchedulerConfig scheduler) {
        this(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                List.of(),
                topologyLoadTimeout,
                temporaryDirectory,
                scheduler);
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
                Path.of(System.getProperty("java.io.tmpdir")),
                SchedulerConfig.defaults(home, cluster));
    }

    /**
     * The jars of a module and everything it requires, transitively, as found by {@code finder} (JDK modules
     * left out): with {@link #API_MODULE} this is the {@link #apiClassPath()} a topology's main class runs against.
     * For example {@code moduleClassPath(ModuleFinder.of(libDirectory), API_MODULE)}.
     *
     * @throws EgretException {@code USER_ERROR} naming a module the finder does not have: the installation is
     *     incomplete
     */
    public static List<Path> moduleClassPath(ModuleFinder finder, String rootModule) {
        requireNonNull(finder, "finder is null");
        requireNonNull(rootModule, "rootModule is null");
        ModuleFinder system = ModuleFinder.ofSystem();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(rootModule));
        List<Path> classPath = new ArrayList<>();
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            if (!seen.add(name) || system.find(name).isPresent()) {
                continue;
            }
            ModuleReference module = finder.find(name)
                    .orElseThrow(() -> EgretException.userError("module " + name + " (needed by " + rootModule
                            + ") is missing from the installation; reinstall heron"));
            module.location().map(Path::of).ifPresent(classPath::add);
            for (ModuleDescriptor.Requires requires : module.descriptor().requires()) {
                if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    pending.addLast(requires.name());
                }
            }
        }
        return List.copyOf(classPath);
    }

    /** A copy with another state root. */
    public LocalAdapterConfig withStateRoot(Path newStateRoot) {
        return new LocalAdapterConfig(
                newStateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                heronApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory,
                scheduler);
    }

    /** A copy with another uploader directory template. */
    public LocalAdapterConfig withUploaderDirectory(String newUploaderDirectory) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                newUploaderDirectory,
                javaBinary,
                apiClassPath,
                heronApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory,
                scheduler);
    }

    /** A copy with another API class path. */
    public LocalAdapterConfig withApiClassPath(List<Path> newApiClassPath) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                newApiClassPath,
                heronApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory,
                scheduler);
    }

    /** A copy with another Heron-API class path. */
    public LocalAdapterConfig withHeronApiClassPath(List<Path> newHeronApiClassPath) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                newHeronApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory,
                scheduler);
    }

    /** A copy with another temporary directory. */
    public LocalAdapterConfig withTemporaryDirectory(Path newTemporaryDirectory) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                heronApiClassPath,
                topologyLoadTimeout,
                newTemporaryDirectory,
                scheduler);
    }

    /** A copy with other scheduler settings. */
    public LocalAdapterConfig withScheduler(SchedulerConfig newScheduler) {
        return new LocalAdapterConfig(
                stateRoot,
                initializeStateTree,
                stateMutexTimeout,
                uploaderDirectory,
                javaBinary,
                apiClassPath,
                heronApiClassPath,
                topologyLoadTimeout,
                temporaryDirectory,
                newScheduler);
    }

    /**
     * The local scheduler's settings.
     *
     * @param workingDirectory {@code heron.scheduler.local.working.directory}, tokens substituted except
     *     {@code ${CLUSTER}}, {@code ${ROLE}}, {@code ${ENVIRON}}, {@code ${TOPOLOGY}} (Heron's default
     *     {@code ${HOME}/.herondata/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}})
     * @param coreUri {@code heron.package.core.uri}, when {@code heron.package.use_core_uri} is true: the core
     *     package ({@code file:}, {@code http:} or {@code https:}) unpacked into each sandbox
     * @param coreDirectory {@code heron.package.core.directory}, linked into each sandbox as {@code heron-core}
     *     when no core URI is used; neither means no core in the sandbox
     * @param serviceCommand how to start the scheduler service: java binary, module path and main class; the
     *     launcher appends {@link LocalSchedulerService.Settings#toArguments()}
     * @param executorCommand the executor command template (see {@link LocalSchedulerService.Settings})
     * @param maxExecutorRestarts restarts in a row after which a failing executor stays failed
     * @param executorRestartBackoff the first restart's delay, doubled per further failure in a row
     * @param maxExecutorRestartBackoff the longest restart delay
     * @param killGrace how long a process gets between SIGTERM and SIGKILL
     * @param serviceHost the interface the scheduler service's HTTP API binds
     * @param serviceStartTimeout how long the launcher waits for the service to record its location
     * @param connectTimeout connect timeout for the service API and package downloads
     * @param requestTimeout read timeout for the service API and package downloads
     */
    public record SchedulerConfig(
            String workingDirectory,
            Optional<URI> coreUri,
            Optional<Path> coreDirectory,
            List<String> serviceCommand,
            List<String> executorCommand,
            int maxExecutorRestarts,
            Duration executorRestartBackoff,
            Duration maxExecutorRestartBackoff,
            Duration killGrace,
            String serviceHost,
            Duration serviceStartTimeout,
            Duration connectTimeout,
            Duration requestTimeout) {
        /** Heron's executor flags, with the binary from the sandbox's core. */
        public static final List<String> DEFAULT_EXECUTOR_COMMAND = List.of(
                "${SANDBOX}/heron-core/bin/heron-executor",
                "--topology-name=${TOPOLOGY}",
                "--topology-id=${TOPOLOGY_ID}",
                "--topology-defn-file=${TOPOLOGY}.defn.json",
                "--shard=${SHARD}",
                "--cluster=${CLUSTER}",
                "--role=${ROLE}",
                "--environment=${ENVIRON}");

        public SchedulerConfig {
            requireNonNull(workingDirectory, "workingDirectory is null");
            requireNonNull(coreUri, "coreUri is null");
            requireNonNull(coreDirectory, "coreDirectory is null");
            serviceCommand = List.copyOf(requireNonNull(serviceCommand, "serviceCommand is null"));
            executorCommand = List.copyOf(requireNonNull(executorCommand, "executorCommand is null"));
            requireNonNull(executorRestartBackoff, "executorRestartBackoff is null");
            requireNonNull(maxExecutorRestartBackoff, "maxExecutorRestartBackoff is null");
            requireNonNull(killGrace, "killGrace is null");
            requireNonNull(serviceHost, "serviceHost is null");
            requireNonNull(serviceStartTimeout, "serviceStartTimeout is null");
            requireNonNull(connectTimeout, "connectTimeout is null");
            requireNonNull(requestTimeout, "requestTimeout is null");
        }

        /**
         * Heron's {@code local} cluster defaults: sandboxes under {@code <home>/.herondata/topologies/<cluster>/
         * ${ROLE}/${TOPOLOGY}}, no core, no service command (the wiring supplies it), Heron's executor flags,
         * 5 restarts in a row from 1 s to 30 s apart, 5 s kill grace, API on 127.0.0.1, 60 s to start, 5 s connect
         * and 30 s read timeouts.
         */
        public static SchedulerConfig defaults(Path home, String cluster) {
            return new SchedulerConfig(
                    home.resolve(".herondata").resolve("topologies").resolve(cluster) + "/${ROLE}/${TOPOLOGY}",
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    DEFAULT_EXECUTOR_COMMAND,
                    5,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    "127.0.0.1",
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30));
        }

        /** A copy with another scheduler service command. */
        public SchedulerConfig withServiceCommand(List<String> newServiceCommand) {
            return new SchedulerConfig(
                    workingDirectory,
                    coreUri,
                    coreDirectory,
                    newServiceCommand,
                    executorCommand,
                    maxExecutorRestarts,
                    executorRestartBackoff,
                    maxExecutorRestartBackoff,
                    killGrace,
                    serviceHost,
                    serviceStartTimeout,
                    connectTimeout,
                    requestTimeout);
        }

        /** A copy with another executor command template. */
        public SchedulerConfig withExecutorCommand(List<String> newExecutorCommand) {
            return new SchedulerConfig(
                    workingDirectory,
                    coreUri,
                    coreDirectory,
                    serviceCommand,
                    newExecutorCommand,
                    maxExecutorRestarts,
                    executorRestartBackoff,
                    maxExecutorRestartBackoff,
                    killGrace,
                    serviceHost,
                    serviceStartTimeout,
                    connectTimeout,
                    requestTimeout);
        }

        /** A copy with another core source: a URI to fetch, or a directory to link. */
        public SchedulerConfig withCore(Optional<URI> newCoreUri, Optional<Path> newCoreDirectory) {
            return new SchedulerConfig(
                    workingDirectory,
                    newCoreUri,
                    newCoreDirectory,
                    serviceCommand,
                    executorCommand,
                    maxExecutorRestarts,
                    executorRestartBackoff,
                    maxExecutorRestartBackoff,
                    killGrace,
                    serviceHost,
                    serviceStartTimeout,
                    connectTimeout,
                    requestTimeout);
        }

        /** A copy with another executor restart policy. */
        public SchedulerConfig withRestarts(int newMaxRestarts, Duration newBackoff, Duration newMaxBackoff) {
            return new SchedulerConfig(
                    workingDirectory,
                    coreUri,
                    coreDirectory,
                    serviceCommand,
                    executorCommand,
                    newMaxRestarts,
                    newBackoff,
                    newMaxBackoff,
                    killGrace,
                    serviceHost,
                    serviceStartTimeout,
                    connectTimeout,
                    requestTimeout);
        }
    }
}
