package io.egret.e2e;

import io.egret.adapters.mesos.simulator.FreePorts;
import io.egret.adapters.mesos.simulator.MesosMasterSimulator;
import io.egret.adapters.mesos.simulator.SimulatedAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Mesos cluster for the end-to-end tests: the master simulator with agents on this machine, and a Heron
 * config directory {@code <home>/conf/mesos} made from the installation's own {@code conf/mesos} with the master
 * pointed at the simulator, the core package at the installation's, and the local file-system state manager
 * (or, with {@link #useZooKeeper}, the installation's ZooKeeper state manager).
 */
final class MesosCluster implements AutoCloseable {
    private final Path home;
    private final MesosMasterSimulator master;

    MesosCluster(Path home) {
        this.home = home;
        try {
            // Under the test's home: the tasks' processes then count as the test's processes.
            this.master = new MesosMasterSimulator(home.resolve("mesos-agents"), Duration.ofSeconds(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MesosMasterSimulator master() {
        return master;
    }

    /** Adds an agent with its own block of free ports. */
    void addAgent(String id, double cpus, double memMb) {
        long ports = FreePorts.block(50);
        master.addAgent(SimulatedAgent.of(id, cpus, memMb, 100_000, ports, ports + 49));
    }

    /** Writes {@code <home>/conf/mesos} naming {@code masterUri} and returns {@code <home>/conf}. */
    Path writeConfig(String masterUri) {
        Path source = Heron.distribution().resolve("conf/mesos");
        Path conf = home.resolve("conf");
        Path target = conf.resolve("mesos");
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(
                            file,
                            target.resolve(file.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path core = Heron.distribution().resolve("dist/heron-core.tar.gz");
            Files.write(
                    target.resolve("scheduler.yaml"),
                    List.of(
                            "heron.class.scheduler: org.apache.heron.scheduler.mesos.MesosScheduler",
                            "heron.class.launcher: org.apache.heron.scheduler.mesos.MesosLauncher",
                            "heron.scheduler.mesos.scheduler.working.directory: "
                                    + "${HOME}/.herondata/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}",
                            "heron.mesos.master.uri: \"" + masterUri + "\"",
                            "heron.mesos.framework.staging.timeout.ms: 2000",
                            "heron.mesos.role: heron",
                            "heron.mesos.failover.timeout.seconds: 600",
                            // The key of the first Mesos guide, still honoured.
                            "heron.core.release.uri: file://" + core));
            Files.write(
                    target.resolve("statemgr.yaml"),
                    List.of(
                            "heron.class.state.manager: org.apache.heron.statemgr.localfs.LocalFileSystemStateManager",
                            "heron.statemgr.connection.string: LOCALMODE",
                            "heron.statemgr.root.path: ${HOME}/.herondata/repository/state/${CLUSTER}",
                            "heron.statemgr.localfs.is.initialize.file.tree: true"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }

    /**
     * Puts the state in ZooKeeper as the installation's own {@code conf/mesos/statemgr.yaml} has it (the Mesos
     * guide's "Setting up ZooKeeper"), with only the connection string pointed at {@code connectString}, as an
     * operator does. Call after {@link #writeConfig}.
     */
    void useZooKeeper(String connectString) {
        Path installed = Heron.distribution().resolve("conf/mesos/statemgr.yaml");
        try {
            List<String> lines = Files.readAllLines(installed).stream()
                    .map(line -> line.startsWith("heron.statemgr.connection.string:")
                            ? "heron.statemgr.connection.string: \"" + connectString + "\""
                            : line)
                    .toList();
            if (!lines.contains("heron.statemgr.connection.string: \"" + connectString + "\"")) {
                throw new IllegalStateException(installed + " names no heron.statemgr.connection.string");
            }
            Files.write(home.resolve("conf/mesos/statemgr.yaml"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topology's scheduler working directory. */
    Path workingDirectory(String topology) {
        return home.resolve(".herondata/topologies/mesos/e2e/" + topology);
    }

    /** Names of the topologies with a record in a state directory of the cluster. */
    List<String> records(String directory) {
        Path root = home.resolve(".herondata/repository/state/mesos").resolve(directory);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        master.close();
    }
}
