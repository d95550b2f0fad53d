package io.egret.ports.out;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Per-topology records shared by the CLI, schedulers and containers. Writes that change a topology's lifecycle
 * are atomic: another process sees all of them or none. Failures are {@link io.egret.domain.error.EgretException}s:
 * {@code CONFLICT} when an expectation does not hold, {@code UNREACHABLE} when the store cannot be reached in time.
 */
public interface StateStorePort extends AutoCloseable {

    /**
     * Creates the topology, packing plan and execution state in one atomic step.
     *
     * @throws io.egret.domain.error.EgretException {@code CONFLICT} if any record of that topology name exists;
     *     the message says which records exist and for which topology id
     */
    void create(TopologyDefinition definition, PackingPlan packingPlan, ExecutionState executionState);

    /** Reads every record of the topology; empty when none exists. Partial state is returned as found. */
    Optional<StoredTopology> read(TopologyName name);

    /** The names of all topologies with any record in this store, sorted. */
    List<TopologyName> list();

    /**
     * Replaces the execution state if the stored one equals {@code expected} (compare-and-set).
     *
     * @throws io.egret.domain.error.EgretException {@code CONFLICT} if it changed meanwhile or is missing
     */
    void replaceExecutionState(ExecutionState expected, ExecutionState replacement);

    /**
     * Replaces the topology definition and packing plan together if both still equal the expected values
     * (compare-and-set). Containers watch the packing plan: this is how a new plan is published.
     *
     * @throws io.egret.domain.error.EgretException {@code CONFLICT} if either changed meanwhile
     */
    void replacePlan(
            TopologyDefinition expectedDefinition,
            PackingPlan expectedPlan,
            TopologyDefinition definition,
            PackingPlan packingPlan);

    /** Records where the topology's scheduler can be reached, replacing an earlier record. */
    void putSchedulerLocation(TopologyName name, SchedulerLocation location);

    /** Records where the topology master listens, replacing an earlier record of the same or an older incarnation. */
    void putTopologyMasterLocation(TopologyName name, TopologyMasterLocation location);

    /** Removes the topology master's location (before a restart of container 0); missing is fine. */
    void deleteTopologyMasterLocation(TopologyName name);

    /** Publishes the physical plan, replacing an earlier one. */
    void putPhysicalPlan(TopologyName name, PhysicalPlan plan);

    /**
     * Deletes every record of the topology in one atomic step, and whatever the store keeps for it besides (locks,
     * temporary files of interrupted writes); records that are already gone are fine.
     */
    void deleteAll(TopologyName name);

    /**
     * The names with no record but with something else left behind for them (a lock, a temporary file of an
     * interrupted write), sorted: what {@link #deleteAll} cleans up. Stores that leave nothing have none.
     */
    default List<TopologyName> leftovers() {
        return List.of();
    }

    /**
     * Takes the topology's update lock, waiting at most {@code timeout}. Closing the returned handle releases it.
     *
     * @throws io.egret.domain.error.EgretException {@code CONFLICT} if another process holds it past the timeout
     */
    Lock lock(TopologyName name, Duration timeout);

    /**
     * Calls {@code listener} after the given record of the topology changes (created, replaced or deleted),
     * until the returned handle is closed. Notifications may coalesce; listeners re-read the record.
     */
    Watch watch(TopologyName name, StateNode node, Runnable listener);

    /** Releases connections and stops watches; never deletes records. */
    @Override
    void close();

    /** A held lock. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** An active watch. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
