package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.lifecycle.UpdateIntent;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.UpdateCommand;
import io.egret.ports.in.UpdateResult;
import io.egret.ports.in.UpdateTopologyUseCase;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TopologyHandle;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code heron update}: changes component parallelism and/or the container count as a saga under the topology's
 * update lock: record the intent, deactivate, add containers, publish the new plan, reactivate, remove containers,
 * finish. Every request is checked (components, parallelism, a real change, scheduler capabilities, fit) before
 * anything changes, and a failure at any step compensates back to the old plan, the old containers and the old
 * state.
 *
 * <p>A runtime-config update ({@code --runtime-config}) keeps the plan and the containers: it records the new config
 * in the stored definition first, so that restarted containers and later commands see it, then has the topology
 * master apply it to the running instances; if the master fails, the old definition is put back.
 */
public final class UpdateTopologyService implements UpdateTopologyUseCase {
    private final StateStorePort stateStore;
    private final SchedulerPort scheduler;
    private final TopologyControlPort topologyControl;
    private final Packer packer;
    private final ProgressPort progress;
    private final LifecycleSettings settings;
    private final Clock clock;

    @Inject
    public UpdateTopologyService(
            StateStorePort stateStore,
            SchedulerPort scheduler,
            TopologyControlPort topologyControl,
            Packer packer,
            ProgressPort progress,
            LifecycleSettings settings,
            Clock clock) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.topologyControl = requireNonNull(topologyControl, "topologyControl is null");
        this.packer = requireNonNull(packer, "packer is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public UpdateResult update(UpdateCommand command) {
        requireNonNull(command, "command is null");
        TopologyName name = command.name();
        if (!command.runtimeConfig().isEmpty()
                && (!command.parallelism().isEmpty() || command.containers().isPresent())) {
            throw EgretException.userError(
                    "parallelism or container number and runtime config can not be updated at the same time");
        }
        StoredTopology stored = StoredState.readComplete(stateStore, name, command.target());
        if (!command.runtimeConfig().isEmpty()) {
            return updateRuntimeConfig(command, stored);
        }
        ExecutionState current = stored.executionState().orElseThrow();
        TopologyDefinition oldDefinition = stored.definition().orElseThrow();
        PackingPlan oldPlan = stored.packingPlan().orElseThrow();
        checkRequest(command, oldDefinition, oldPlan);
        // An intent can only resume to RUNNING or PAUSED; for any other state the lifecycle refuses the update with
        // its own reason before it looks at the intent.
        TopologyState resumeState =
                current.state() == TopologyState.PAUSED ? TopologyState.PAUSED : TopologyState.RUNNING;
        ExecutionState updating = Lifecycle.beginUpdate(
                current, new UpdateIntent(command.parallelism(), command.containers(), resumeState, clock.instant()));
        TopologyDefinition newDefinition = oldDefinition.withParallelism(command.parallelism());

        Saga saga = new Saga("update", "topology '" + name + "'", progress, clock);
        saga.cleanupHint("check 'heron status " + command.target() + " " + name + "' and run the update again, or '"
                + StoredState.killCommand(command.target(), name) + "'");
        PackingPlan newPlan;
        Plan change;
        Optional<TopologyMasterLocation> master;
        try {
            newPlan = saga.step("repack", () -> packer.repack(oldPlan, newDefinition, command.containers()));
            List<String> violations = saga.step("check fit", () -> packer.fitViolations(newPlan, newDefinition));
            if (!violations.isEmpty()) {
                throw EgretException.userError("the updated topology '" + name + "' does not fit the cluster: "
                        + String.join("; ", violations));
            }
            change = Plan.between(oldPlan, newPlan);
            checkCapabilities(change, scheduler.capabilities(), command);
            master = requireMaster(stored, current);
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        if (command.dryRun()) {
            return new UpdateResult(
                    oldPlan,
                    newPlan,
                    List.of(),
                    true,
                    scheduler.previewUpdate(StoredState.handle(current, stored), change.added(), change.removed()));
        }

        StateStorePort.Lock lock;
        try {
            lock = saga.step("take update lock", () -> stateStore.lock(name, settings.updateLockTimeout()));
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        try {
            // Released last on failure: every undo step runs while no other update can start.
            saga.onFailure("take update lock", "the update lock of '" + name + "'", lock::close);
            apply(saga, stored, current, updating, oldDefinition, oldPlan, newDefinition, newPlan, change, master);
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        try {
            lock.close();
        } catch (RuntimeException failure) {
            throw new EgretException(
                    Saga.codeOf(failure),
                    "topology '" + name + "' was updated, but releasing its update lock failed: "
                            + Saga.oneLine(failure) + "; the lock goes away when the state store session ends",
                    failure);
        }
        return new UpdateResult(oldPlan, newPlan, false);
    }

    private void apply(
            Saga saga,
            StoredTopology stored,
            ExecutionState current,
            ExecutionState updating,
            TopologyDefinition oldDefinition,
            PackingPlan oldPlan,
            TopologyDefinition newDefinition,
            PackingPlan newPlan,
            Plan change,
            Optional<TopologyMasterLocation> master) {
        TopologyHandle handle = StoredState.handle(current, stored);
        // The compare-and-set also proves that nobody changed the topology since it was read.
        saga.step("record intent", () -> stateStore.replaceExecutionState(current, updating));
        saga.onFailure(
                "record intent",
                "an update intent in the execution state",
                () -> stateStore.replaceExecutionState(updating, Lifecycle.endUpdate(updating)));
        if (master.isPresent()) {
            TopologyMasterLocation location = master.get();
            saga.step("deactivate", () -> topologyControl.deactivate(location));
            saga.onFailure("deactivate", "a deactivated topology", () -> topologyControl.activate(location));
        }
        if (!change.added().isEmpty()) {
            // Registered first: adding may fail after some containers started, and removing is safe to repeat.
            saga.onFailure(
                    "add containers",
                    "added containers " + ids(change.added()),
                    () -> scheduler.removeContainers(handle, change.added()));
            saga.step("add containers", () -> scheduler.addContainers(handle, change.added()));
        }
        saga.step("publish plan", () -> stateStore.replacePlan(oldDefinition, oldPlan, newDefinition, newPlan));
        saga.onFailure(
                "publish plan",
                "the new packing plan",
                () -> stateStore.replacePlan(newDefinition, newPlan, oldDefinition, oldPlan));
        if (master.isPresent()) {
            TopologyMasterLocation location = master.get();
            saga.step("reactivate", () -> topologyControl.activate(location));
            saga.onFailure("reactivate", "an activated topology", () -> topologyControl.deactivate(location));
        }
        if (!change.removed().isEmpty()) {
            // Registered first: removing may stop some containers before it fails.
            saga.onFailure(
                    "remove containers",
                    "removed containers " + ids(change.removed()),
                    () -> restartRemoved(handle, change.removed()));
            saga.step("remove containers", () -> scheduler.removeContainers(handle, change.removed()));
        }
        saga.step("finish update", () -> stateStore.replaceExecutionState(updating, Lifecycle.endUpdate(updating)));
    }

    /**
     * Records the changes in the stored definition (compare-and-set), then has the master apply them; a master
     * failure puts the old definition back.
     */
    private UpdateResult updateRuntimeConfig(UpdateCommand command, StoredTopology stored) {
        TopologyName name = command.name();
        List<RuntimeConfigChange> changes = command.runtimeConfig();
        ExecutionState current = stored.executionState().orElseThrow();
        TopologyDefinition oldDefinition = stored.definition().orElseThrow();
        PackingPlan plan = stored.packingPlan().orElseThrow();
        Lifecycle.checkRuntimeConfigurable(current);
        TopologyDefinition newDefinition = oldDefinition.withRuntimeConfig(changes);
        TopologyMasterLocation master = stored.topologyMaster()
                .filter(location -> location.topologyId().equals(current.id()))
                .orElseThrow(() -> EgretException.conflict("topology master of '" + name
                        + "' has not registered yet, so its runtime config cannot be updated; check 'heron status "
                        + command.target() + " " + name + "'"));
        if (command.dryRun()) {
            return new UpdateResult(plan, plan, changes, true);
        }
        Saga saga = new Saga("update", "topology '" + name + "'", progress, clock);
        saga.cleanupHint("run the same 'heron update " + command.target() + " " + name
                + " --runtime-config ...' again so that the stored and the running config agree");
        try {
            // Stored first: a container that restarts meanwhile must come up with the new values.
            saga.step("record runtime config", () -> stateStore.replacePlan(oldDefinition, plan, newDefinition, plan));
            saga.onFailure(
                    "record runtime config",
                    "the new runtime config in the stored definition",
                    () -> stateStore.replacePlan(newDefinition, plan, oldDefinition, plan));
            // Some containers may have applied the changes before the master failed; only a new update fixes them.
            saga.advice("containers that confirmed may already run with the new values; run the update again");
            saga.step("apply runtime config", () -> topologyControl.updateRuntimeConfig(master, changes));
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
        return new UpdateResult(plan, plan, changes, false);
    }

    /** Starts again those of the removed containers that are gone. */
    private void restartRemoved(TopologyHandle handle, Set<ContainerPlan> removed) {
        Set<Integer> present = scheduler.status(handle).stream()
                .filter(container -> container.phase() != ContainerStatus.Phase.FINISHED)
                .map(ContainerStatus::containerId)
                .collect(Collectors.toSet());
        Set<ContainerPlan> gone = removed.stream()
                .filter(container -> !present.contains(container.id()))
                .collect(Collectors.toSet());
        if (!gone.isEmpty()) {
            scheduler.addContainers(handle, gone);
        }
    }

    private static void checkRequest(UpdateCommand command, TopologyDefinition definition, PackingPlan plan) {
        TopologyName name = command.name();
        if (command.parallelism().isEmpty() && command.containers().isEmpty()) {
            throw EgretException.userError("nothing to change for topology '" + name
                    + "': give --component-parallelism COMPONENT:N or --container-number N");
        }
        Map<String, Integer> requested = new TreeMap<>(command.parallelism());
        for (Map.Entry<String, Integer> entry : requested.entrySet()) {
            if (definition.component(entry.getKey()).isEmpty()) {
                throw EgretException.userError("unknown component '" + entry.getKey() + "' in topology '" + name
                        + "'; its components are " + definition.componentNames());
            }
            if (entry.getValue() < 1) {
                throw EgretException.userError("parallelism of component '" + entry.getKey()
                        + "' must be at least 1, got " + entry.getValue());
            }
        }
        OptionalInt containers = command.containers();
        if (containers.isPresent() && containers.getAsInt() < 1) {
            throw EgretException.userError("the container number must be at least 1, got " + containers.getAsInt());
        }
        Map<String, Integer> currentParallelism = definition.parallelism();
        // Compared as ints: Heron compared boxed Integers by identity, so values above 127 always looked changed.
        boolean parallelismChanges = requested.entrySet().stream()
                .anyMatch(entry -> entry.getValue().intValue()
                        != currentParallelism.get(entry.getKey()).intValue());
        boolean containersChange = containers.isPresent()
                && containers.getAsInt() != plan.containers().size();
        if (!parallelismChanges && !containersChange) {
            throw EgretException.userError("nothing to change: topology '" + name + "' already runs with parallelism "
                    + currentParallelism + " in " + plan.containers().size() + " containers");
        }
    }

    private static void checkCapabilities(Plan change, SchedulerCapabilities capabilities, UpdateCommand command) {
        if (!change.added().isEmpty() && !capabilities.addContainers()) {
            throw EgretException.userError(
                    "the scheduler of " + command.target().cluster()
                            + " cannot add containers (capability addContainers), and this update needs containers "
                            + ids(change.added()) + "; keep the container count, or kill and resubmit the topology");
        }
        if (!change.removed().isEmpty() && !capabilities.removeContainers()) {
            throw EgretException.userError(
                    "the scheduler of " + command.target().cluster()
                            + " cannot remove containers (capability removeContainers), and this update drops containers "
                            + ids(change.removed()) + "; keep the container count, or kill and resubmit the topology");
        }
    }

    /** A running topology is paused during the update, which needs its master; a paused one needs none. */
    private static Optional<TopologyMasterLocation> requireMaster(StoredTopology stored, ExecutionState current) {
        if (current.state() != TopologyState.RUNNING) {
            return Optional.empty();
        }
        return Optional.of(stored.topologyMaster()
                .filter(location -> location.topologyId().equals(current.id()))
                .orElseThrow(() -> EgretException.conflict("topology master of '" + current.name()
                        + "' has not registered yet, so the topology cannot be paused for the update; check 'heron status "
                        + current.target() + " " + current.name() + "'")));
    }

    private static List<Integer> ids(Set<ContainerPlan> containers) {
        return containers.stream().map(ContainerPlan::id).sorted().toList();
    }

    /** Which containers an update adds and removes, by container id (as Heron's schedulers compare them). */
    private record Plan(Set<ContainerPlan> added, Set<ContainerPlan> removed) {
        static Plan between(PackingPlan oldPlan, PackingPlan newPlan) {
            Set<Integer> oldIds =
                    oldPlan.containers().stream().map(ContainerPlan::id).collect(Collectors.toSet());
            Set<Integer> newIds =
                    newPlan.containers().stream().map(ContainerPlan::id).collect(Collectors.toSet());
            return new Plan(
                    newPlan.containers().stream()
                            .filter(container -> !oldIds.contains(container.id()))
                            .collect(Collectors.toUnmodifiableSet()),
                    oldPlan.containers().stream()
                            .filter(container -> !newIds.contains(container.id()))
                            .collect(Collectors.toUnmodifiableSet()));
        }
    }
}
