package io.egret.executor;

import static java.util.Objects.requireNonNull;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A test fixture, not the product's store: a state store on the local file system (one JSON file per record,
 * written to a temporary file and renamed) so that executors in separate processes share state. Watches poll every
 * 100 ms. The real local-FS store lives in adapters-local.
 */
final class TestingFileStateStore implements StateStorePort {
    private final Path root;
    private final List<Poll> polls = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean open = true;

    TestingFileStateStore(Path root) {
        this.root = requireNonNull(root, "root is null");
        for (StateNode node : StateNode.values()) {
            try {
                Files.createDirectories(root.resolve(node.directory()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        this.poller = new Thread(this::pollLoop, "testing-state-store-watch");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public synchronized void create(TopologyDefinition definition, PackingPlan packingPlan, ExecutionState state) {
        if (Files.exists(file(definition.name(), StateNode.TOPOLOGY))) {
            throw EgretException.conflict("topology '" + definition.name() + "' exists");
        }
        write(definition.name(), StateNode.TOPOLOGY, definition);
        write(definition.name(), StateNode.PACKING_PLAN, packingPlan);
        write(definition.name(), StateNode.EXECUTION_STATE, state);
    }

    @Override
    public Optional<StoredTopology> read(TopologyName name) {
        Optional<TopologyDefinition> definition = get(name, StateNode.TOPOLOGY, TopologyDefinition.class);
        Optional<PackingPlan> packingPlan = get(name, StateNode.PACKING_PLAN, PackingPlan.class);
        Optional<ExecutionState> state = get(name, StateNode.EXECUTION_STATE, ExecutionState.class);
        Optional<SchedulerLocation> scheduler = get(name, StateNode.SCHEDULER, SchedulerLocation.class);
        Optional<TopologyMasterLocation> master = get(name, StateNode.TOPOLOGY_MASTER, TopologyMasterLocation.class);
        Optional<PhysicalPlan> physicalPlan = get(name, StateNode.PHYSICAL_PLAN, PhysicalPlan.class);
        if (Stream.of(definition, packingPlan, state, scheduler, master, physicalPlan)
                .allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new StoredTopology(name, definition, packingPlan, state, scheduler, master, physicalPlan));
    }

    @Override
    public List<TopologyName> list() {
        try (Stream<Path> files = Files.list(root.resolve(StateNode.TOPOLOGY.directory()))) {
            return files.map(path -> TopologyName.of(path.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void replaceExecutionState(ExecutionState expected, ExecutionState replacement) {
        if (!get(expected.name(), StateNode.EXECUTION_STATE, ExecutionState.class)
                .equals(Optional.of(expected))) {
            throw EgretException.conflict("execution state changed meanwhile");
        }
        write(replacement.name(), StateNode.EXECUTION_STATE, replacement);
    }

    @Override
    public synchronized void replacePlan(
            TopologyDefinition expectedDefinition,
            PackingPlan expectedPlan,
            TopologyDefinition definition,
            PackingPlan packingPlan) {
        write(definition.name(), StateNode.TOPOLOGY, definition);
        write(definition.name(), StateNode.PACKING_PLAN, packingPlan);
    }

    @Override
    public void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
        write(name, StateNode.SCHEDULER, location);
    }

    @Override
    public void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
        write(name, StateNode.TOPOLOGY_MASTER, location);
    }

    @Override
    public void deleteTopologyMasterLocation(TopologyName name) {
        delete(file(name, StateNode.TOPOLOGY_MASTER));
    }

    @Override
    public void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
        write(name, StateNode.PHYSICAL_PLAN, plan);
    }

    @Override
    public void deleteAll(TopologyName name) {
        for (StateNode node : StateNode.values()) {
            delete(file(name, node));
        }
    }

    @Override
    public Lock lock(TopologyName name, Duration timeout) {
        return () -> {};
    }

    @Override
    public Watch watch(TopologyName name, StateNode node, Runnable listener) {
        Poll poll = new Poll(file(name, node), listener);
        poll.changed();
        polls.add(poll);
        return () -> polls.remove(poll);
    }

    @Override
    public void close() {
        open = false;
        polls.clear();
    }

    private Path file(TopologyName name, StateNode node) {
        return root.resolve(node.directory()).resolve(name.value());
    }

    private void write(TopologyName name, StateNode node, Object value) {
        Path target = file(name, node);
        Path temporary = target.resolveSibling(
                "." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        try {
            Files.write(temporary, EgretJson.toBytes(value));
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private <T> Optional<T> get(TopologyName name, StateNode node, Class<T> type) {
        Path path = file(name, node);
        try {
            return Optional.of(EgretJson.fromBytes(Files.readAllBytes(path), type));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    private void pollLoop() {
        while (open) {
            for (Poll poll : new ArrayList<>(polls)) {
                if (poll.changed()) {
                    poll.listener.run();
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final class Poll {
        private final Path path;
        private final Runnable listener;
        private String signature = "";

        private Poll(Path path, Runnable listener) {
            this.path = path;
            this.listener = listener;
        }

        private boolean changed() {
            String now;
            try {
                now = Files.getLastModifiedTime(path) + "/" + Files.size(path);
            } catch (IOException e) {
                now = "absent";
            }
            boolean changed = !Objects.equals(now, signature);
            signature = now;
            return changed;
        }
    }
}
