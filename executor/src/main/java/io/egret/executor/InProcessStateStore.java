package io.egret.executor;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A state store held in memory, for a whole topology run inside one JVM ({@link EmbeddedTopology}). Watches fire
 * synchronously after each change. Locks are not exclusive: one JVM runs one topology master.
 */
final class InProcessStateStore implements StateStorePort {
    private final Map<TopologyName, Map<StateNode, Object>> records = new TreeMap<>();
    private final List<Registration> watches = new CopyOnWriteArrayList<>();

    @Override
    public void create(TopologyDefinition definition, PackingPlan packingPlan, ExecutionState executionState) {
        synchronized (this) {
            if (records.containsKey(definition.name())) {
                throw EgretException.conflict("topology '" + definition.name() + "' exists");
            }
            Map<StateNode, Object> nodes = new EnumMap<>(StateNode.class);
            nodes.put(StateNode.TOPOLOGY, definition);
            nodes.put(StateNode.PACKING_PLAN, packingPlan);
            nodes.put(StateNode.EXECUTION_STATE, executionState);
            records.put(definition.name(), nodes);
        }
        fire(definition.name(), StateNode.PACKING_PLAN);
    }

    @Override
    public synchronized Optional<StoredTopology> read(TopologyName name) {
        Map<StateNode, Object> nodes = records.get(name);
        if (nodes == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredTopology(
                name,
                Optional.ofNullable((TopologyDefinition) nodes.get(StateNode.TOPOLOGY)),
                Optional.ofNullable((PackingPlan) nodes.get(StateNode.PACKING_PLAN)),
                Optional.ofNullable((ExecutionState) nodes.get(StateNode.EXECUTION_STATE)),
                Optional.ofNullable((SchedulerLocation) nodes.get(StateNode.SCHEDULER)),
                Optional.ofNullable((TopologyMasterLocation) nodes.get(StateNode.TOPOLOGY_MASTER)),
                Optional.ofNullable((PhysicalPlan) nodes.get(StateNode.PHYSICAL_PLAN))));
    }

    @Override
    public synchronized List<TopologyName> list() {
        return List.copyOf(records.keySet());
    }

    @Override
    public void replaceExecutionState(ExecutionState expected, ExecutionState replacement) {
        replace(replacement.name(), StateNode.EXECUTION_STATE, expected, replacement);
    }

    @Override
    public void replacePlan(
            TopologyDefinition expectedDefinition,
            PackingPlan expectedPlan,
            TopologyDefinition definition,
            PackingPlan packingPlan) {
        synchronized (this) {
            Map<StateNode, Object> nodes = records.get(definition.name());
            if (nodes == null
                    || !expectedDefinition.equals(nodes.get(StateNode.TOPOLOGY))
                    || !expectedPlan.equals(nodes.get(StateNode.PACKING_PLAN))) {
                throw EgretException.conflict("the plan of '" + definition.name() + "' changed meanwhile");
            }
            nodes.put(StateNode.TOPOLOGY, definition);
            nodes.put(StateNode.PACKING_PLAN, packingPlan);
        }
        fire(definition.name(), StateNode.PACKING_PLAN);
    }

    @Override
    public void putSchedulerLocation(TopologyName name, SchedulerLocation location) {
        put(name, StateNode.SCHEDULER, location);
    }

    @Override
    public void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location) {
        put(name, StateNode.TOPOLOGY_MASTER, location);
    }

    @Override
    public void deleteTopologyMasterLocation(TopologyName name) {
        synchronized (this) {
            Map<StateNode, Object> nodes = records.get(name);
            if (nodes != null) {
                nodes.remove(StateNode.TOPOLOGY_MASTER);
            }
        }
        fire(name, StateNode.TOPOLOGY_MASTER);
    }

    @Override
    public void putPhysicalPlan(TopologyName name, PhysicalPlan plan) {
        put(name, StateNode.PHYSICAL_PLAN, plan);
    }

    @Override
    public void deleteAll(TopologyName name) {
        synchronized (this) {
            records.remove(name);
        }
        for (StateNode node : StateNode.values()) {
            fire(name, node);
        }
    }

    @Override
    public Lock lock(TopologyName name, Duration timeout) {
        return () -> {};
    }

    @Override
    public Watch watch(TopologyName name, StateNode node, Runnable listener) {
        Registration registration = new Registration(name, node, listener);
        watches.add(registration);
        return () -> watches.remove(registration);
    }

    @Override
    public void close() {
        watches.clear();
    }

    private void put(TopologyName name, StateNode node, Object value) {
        synchronized (this) {
            records.computeIfAbsent(name, key -> new EnumMap<>(StateNode.class)).put(node, value);
        }
        fire(name, node);
    }

    private void replace(TopologyName name, StateNode node, Object expected, Object replacement) {
        synchronized (this) {
            Map<StateNode, Object> nodes = records.get(name);
            if (nodes == null || !expected.equals(nodes.get(node))) {
                throw EgretException.conflict(node + " of '" + name + "' changed meanwhile");
            }
            nodes.put(node, replacement);
        }
        fire(name, node);
    }

    private void fire(TopologyName name, StateNode node) {
        for (Registration registration : new ArrayList<>(watches)) {
            if (registration.name.equals(name) && registration.node == node) {
                registration.listener.run();
            }
        }
    }

    private record Registration(TopologyName name, StateNode node, Runnable listener) {
        Registration {
            requireNonNull(name, "name is null");
            requireNonNull(node, "node is null");
            requireNonNull(listener, "listener is null");
        }
    }
}
