package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory state store with the real semantics: atomic create and delete of all records, compare-and-set
 * replacement, a non-reentrant lock per topology, and watches. Every method passes its fault point
 * ({@code stateStore.<method>}) first, so a failed call changes nothing.
 */
public final class TestingStateStore implements StateStorePort {
    private final FaultInjector faults;
    private final Map<TopologyName, StoredTopology> records = new TreeMap<>();
    private final Set<TopologyName> locked = new HashSet<>();
    private final List<WatchEntry> watches = new ArrayList<>();
    private boolean closed;

    public TestingStateStore(FaultInjector faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public synchronized void create(
            TopologyDefinition definition, PackingPlan packingPlan, ExecutionState executionState) {
        faults.check("stateStore.create");
        TopologyName name = definition.name();
        StoredTopology existing = records.get(name);
        if (existing != null) {
            throw EgretException.conflict("topology '" + name + "' already has state");
        }
        records.put(
                name,
                new StoredTopology(
                        name,
                        Optional.of(definition),
                        Optional.of(packingPlan),
                        Optional.of(executionState),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
        notifyWatches(name, StateNode.TOPOLOGY, StateNode.PACKING_PLAN, StateNode.EXECUTION_STATE);
    }

    @Override
    public synchronized Optional<StoredTopology> read(TopologyName name) {
        faults.check("stateStore.read");
        return Optional.ofNullable(records.get(name));
    }

    @Override
    public synchronized List<TopologyName> list() {
        faults.check("stateStore.list");
        return List.copyOf(records.keySet());
    }

    @Override
    public synchronized void replaceExecutionState(ExecutionState expected, ExecutionState replacement) {
        faults.check("stateStore.replaceExecutionState");
        StoredTopology current = records.get(expected.name());
        if (current == null || !current.executionState().equals(Optional.of(expected))) {
            throw EgretException.conflict(
                    "the execution state of topology '" + expected.name() + "' changed meanwhile or is missing");
        }
        records.put(
                expected.name(),
                new StoredTopology(
                        current.name(),
                        current.definition(),
                        current.packingPlan(),
                        Optional.of(replacement),
                        current.scheduler(),
                        current.topologyMaster(),
                        current.physicalPlan()));
        notifyWatches(expected.name(), StateNode.EXECUTION_STATE);
    }

    @Override
    public synchronized void replacePlan(
            TopologyDefinition expectedDefinition,
            PackingPlan expectedPlan,
            TopologyDefinition definition,
            PackingPlan packingPlan) {
        faults.check("stateStore.replacePlan");
        StoredTopology current = records.get(expectedDefinition.name());
        if (current == null
                || !current.definition().equals(Optional.of(expectedDefinition))
                || !current.packingPlan().equals(Optional.of(expectedPlan))) {
            throw EgretException.conflict(
                    "the plan of topology '" + expectedDefinition.name() + "' changed meanwhile or is missing");
        }
        records.put(
                current.name(),
                new StoredTopology(
                        current.name(),
                        Optional.of(definition),
                        Optional.of(packingPlan),
                        current.executionState(),
                        current.scheduler(),
                        current.topologyMaster(),
                        current.physicalPlan()));
        notifyWatches(current.name(), StateNode.TOPOLOGY, StateNode.PACKING_PLAN);
    }

    @Override
    public synchronized void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
        faults.check("stateStore.putSchedulerLocation");
        StoredTopology current = recordsOrEmpty(name);
        records.put(
                name,
                new StoredTopology(
                        name,
                        current.definition(),
                        current.packingPlan(),
                        current.executionState(),
                        Optional.of(location),
                        current.topologyMaster(),
                        current.physicalPlan()));
        notifyWatches(name, StateNode.SCHEDULER);
    }

    @Override
    public synchronized void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
        faults.check("stateStore.putTopologyMasterLocation");
        StoredTopology current = recordsOrEmpty(name);
        records.put(
                name,
                new StoredTopology(
                        name,
                        current.definition(),
                        current.packingPlan(),
                        current.executionState(),
                        current.scheduler(),
                        Optional.of(location),
                        current.physicalPlan()));
        notifyWatches(name, StateNode.TOPOLOGY_MASTER);
    }

    @Override
    public synchronized void deleteTopologyMasterLocation(TopologyName name) {
        faults.check("stateStore.deleteTopologyMasterLocation");
        StoredTopology current = records.get(name);
        if (current == null) {
            return;
        }
        putOrRemove(new StoredTopology(
                name,
                current.definition(),
                current.packingPlan(),
                current.executionState(),
                current.scheduler(),
                Optional.empty(),
                current.physicalPlan()));
        notifyWatches(name, StateNode.TOPOLOGY_MASTER);
    }

    @Override
    public synchronized void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
        faults.check("stateStore.putPhysicalPlan");
        StoredTopology current = recordsOrEmpty(name);
        records.put(
                name,
                new StoredTopology(
                        name,
                        current.definition(),
                        current.packingPlan(),
                        current.executionState(),
                        current.scheduler(),
                        current.topologyMaster(),
                        Optional.of(plan)));
        notifyWatches(name, StateNode.PHYSICAL_PLAN);
    }

    @Override
    public synchronized void deleteAll(TopologyName name) {
        faults.check("stateStore.deleteAll");
        if (records.remove(name) != null) {
            notifyWatches(name, StateNode.values());
        }
    }

    @Override
    public synchronized Lock lock(TopologyName name, Duration timeout) {
        faults.check("stateStore.lock");
        if (!locked.add(name)) {
            throw EgretException.conflict("the update lock of topology '" + name + "' is held by another process");
        }
        return new Lock() {
            private boolean released;

            @Override
            public void close() {
                synchronized (TestingStateStore.this) {
                    if (!released) {
                        released = true;
                        locked.remove(name);
                    }
                }
            }
        };
    }

    @Override
    public synchronized Watch watch(TopologyName name, StateNode node, Runnable listener) {
        faults.check("stateStore.watch");
        WatchEntry entry = new WatchEntry(name, node, listener);
        watches.add(entry);
        return () -> {
            synchronized (TestingStateStore.this) {
                watches.remove(entry);
            }
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        watches.clear();
    }

    /** Writes records as found, bypassing every check: how a test sets up partial or stale state. */
    public synchronized void putRecords(StoredTopology stored) {
        putOrRemove(stored);
    }

    /** The records of a topology, without a fault point. */
    public synchronized Optional<StoredTopology> records(TopologyName name) {
        return Optional.ofNullable(records.get(name));
    }

    /** Whether no record of any topology exists. */
    public synchronized boolean isEmpty() {
        return records.isEmpty();
    }

    public synchronized boolean isLocked(TopologyName name) {
        return locked.contains(name);
    }

    /** Takes the lock as another process would, without a fault point. */
    public synchronized void holdLock(TopologyName name) {
        locked.add(name);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private StoredTopology recordsOrEmpty(TopologyName name) {
        StoredTopology current = records.get(name);
        if (current != null) {
            return current;
        }
        return new StoredTopology(
                name,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private void putOrRemove(StoredTopology stored) {
        boolean empty = stored.definition().isEmpty()
                && stored.packingPlan().isEmpty()
                && stored.executionState().isEmpty()
                && stored.scheduler().isEmpty()
                && stored.topologyMaster().isEmpty()
                && stored.physicalPlan().isEmpty()
                && stored.damaged().isEmpty();
        if (empty) {
            records.remove(stored.name());
            return;
        }
        records.put(stored.name(), stored);
    }

    private void notifyWatches(TopologyName name, StateNode... nodes) {
        Set<StateNode> changed = Set.of(nodes);
        for (WatchEntry entry : List.copyOf(watches)) {
            if (entry.name().equals(name) && changed.contains(entry.node())) {
                entry.listener().run();
            }
        }
    }

    private record WatchEntry(TopologyName name, StateNode node, Runnable listener) {}
}
