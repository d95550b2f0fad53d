package io.egret.executor;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.executor.fetch.FetchConfigFile;
import io.egret.executor.fetch.PackageFetchers;
import io.egret.executor.master.ControlHttpServer;
import io.egret.executor.master.TopologyMaster;
import io.egret.executor.packaging.SerializedComponentFactory;
import io.egret.executor.packaging.TopologyPackageReader;
import io.egret.executor.runtime.StreamManager;
import io.egret.ports.out.StateStorePort;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code heron-executor}: runs one container. Container 0 runs the topology master with its HTTP control API;
 * containers 1 and up fetch the topology package and run a stream manager with their instances. Runs until
 * SIGTERM (then shuts down cleanly and exits 0) or until the container fails (exit 1).
 */
public final class ExecutorMain {
    /**
     * Starts the one-line reason an executor that could not start prints last on stderr, for schedulers to show in
     * the container's status.
     */
    public static final String FAILURE_PREFIX = "heron-executor: ";

    private static final Logger LOGGER = System.getLogger(ExecutorMain.class.getName());

    private ExecutorMain() {}

    /** Uses the {@link StateStoreFactory} service the executor was packaged with. */
    public static void main(String[] args) {
        StateStoreFactory factory = arguments -> ServiceLoader.load(StateStoreFactory.class)
                .findFirst()
                .orElseThrow(() -> EgretException.userError("this executor was packaged without a state store"
                        + " (no io.egret.executor.StateStoreFactory service); launch it through Egret's wiring"))
                .open(arguments);
        System.exit(run(args, factory));
    }

    /**
     * Runs a container until it is told to stop or fails.
     *
     * @return the process exit code: 0 clean stop, 1 failure, 2 bad arguments
     */
    public static int run(String[] args, StateStoreFactory stateStores) {
        requireNonNull(args, "args is null");
        requireNonNull(stateStores, "stateStores is null");
        if (ExecutorArguments.wantsHelp(args)) {
            System.out.print(ExecutorArguments.USAGE);
            return args.length == 0 ? 2 : 0;
        }
        ExecutorArguments arguments;
        try {
            arguments = ExecutorArguments.parse(args);
        } catch (EgretException e) {
            System.err.println("heron-executor: " + e.getMessage());
            return 2;
        }
        Container container = new Container(arguments, stateStores);
        Thread hook = new Thread(container::stopOnSignal, "executor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            container.start();
        } catch (RuntimeException | IOException e) {
            String reason = "container " + arguments.containerId() + " of " + arguments.topologyName()
                    + " failed to start: " + e.getMessage();
            LOGGER.log(Level.ERROR, reason, e);
            // The last line of stderr, which schedulers show as the container's status: the reason, on one line.
            System.err.println(FAILURE_PREFIX + reason.replaceAll("\\s+", " "));
            container.fail();
            return 1;
        }
        container.awaitFailure();
        return 1;
    }

    /** The parts one container runs, closed in reverse order of starting. */
    private static final class Container {
        private final ExecutorArguments arguments;
        private final StateStoreFactory stateStores;
        private final List<AutoCloseable> started = new ArrayList<>();
        private final CountDownLatch failed = new CountDownLatch(1);
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean failing;

        private Container(ExecutorArguments arguments, StateStoreFactory stateStores) {
            this.arguments = arguments;
            this.stateStores = stateStores;
        }

        private void start() throws IOException {
            StateStorePort stateStore = stateStores.open(arguments);
            started.add(stateStore);
            if (arguments.containerId() == 0) {
                TopologyMaster master = new TopologyMaster(
                        new TopologyMaster.Settings(
                                arguments.topologyName(),
                                arguments.topologyId(),
                                arguments.host(),
                                arguments.bindHost(),
                                arguments.masterServerPort()),
                        stateStore,
                        arguments.stateChangeTimeout());
                started.add(master);
                ControlHttpServer http =
                        new ControlHttpServer(master, arguments.bindHost(), arguments.masterControllerPort());
                started.add(http);
                http.start();
                master.start(http.port());
                return;
            }
            Files.createDirectories(arguments.workingDirectory());
            Map<String, String> fetchConfig = new HashMap<>(
                    arguments.fetchConfigFile().isEmpty()
                            ? Map.of()
                            : FetchConfigFile.read(Path.of(arguments.fetchConfigFile())));
            fetchConfig.putAll(arguments.fetchConfig());
            TopologyPackageReader packages = new TopologyPackageReader(PackageFetchers.installed(fetchConfig));
            TopologyPackageReader.UnpackedPackage unpacked =
                    arguments.packageUri().isPresent()
                            ? packages.fetch(
                                    arguments.packageUri().get(),
                                    arguments.topologyName(),
                                    arguments.definitionFile(),
                                    arguments.workingDirectory())
                            : packages.readUnpacked(
                                    arguments.workingDirectory(), arguments.topologyName(), arguments.definitionFile());
            URLClassLoader classLoader = unpacked.classLoader(
                    ExecutorMain.class.getClassLoader(), TopologyRuntimeJars.forDefinition(unpacked.definition()));
            started.add(classLoader);
            StreamManager streamManager = new StreamManager(
                    new StreamManager.Settings(
                            arguments.topologyId(),
                            arguments.containerId(),
                            arguments.host(),
                            arguments.bindHost(),
                            arguments.dataPort()),
                    unpacked.definition(),
                    stateStore,
                    new SerializedComponentFactory(classLoader),
                    classLoader,
                    RuntimeOptions.DEFAULTS,
                    exception -> {
                        // The last line of stderr, which schedulers show as the container's status.
                        System.err.println(FAILURE_PREFIX + "container " + arguments.containerId() + " of "
                                + arguments.topologyName() + " stopped: "
                                + String.valueOf(exception.getMessage()).replaceAll("\\s+", " "));
                        fail();
                    });
            started.add(streamManager);
            streamManager.start();
            LOGGER.log(
                    Level.INFO,
                    "container " + arguments.containerId() + " of " + arguments.topologyName() + " started; data port "
                            + streamManager.dataPort());
        }

        private void fail() {
            failing = true;
            close();
            failed.countDown();
        }

        private void awaitFailure() {
            try {
                failed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SIGTERM: stop spouts, drain briefly, close sockets, exit 0 (unless the container is already failing). */
        private void stopOnSignal() {
            close();
            if (!failing) {
                LOGGER.log(Level.INFO, "container " + arguments.containerId() + " stopped cleanly");
                Runtime.getRuntime().halt(0);
            }
        }

        private void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            for (int index = started.size() - 1; index >= 0; index--) {
                try {
                    started.get(index).close();
                } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "closing " + started.get(index) + " failed: " + e.getMessage(), e);
                }
            }
        }
    }
}
