package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an update changes, container by container: the basis of {@code update --dry-run} output and of which
 * containers a scheduler must add, restart or remove.
 *
 * @param containers one entry per container id in either plan, ordered by id
 */
public record PlanDiff(List<ContainerChange> containers) {
    public enum ChangeKind {
        /** Same instances, same request: nothing to do. */
        UNAFFECTED,
        /** Instances added or removed, or the request changed. */
        MODIFIED,
        /** Only in the new plan. */
        NEW,
        /** Only in the old plan. */
        REMOVED
    }

    /**
     * @param oldRequired the container's request in the old plan, empty for {@code NEW}
     * @param newRequired the container's request in the new plan, empty for {@code REMOVED}
     * @param added instances in the new plan's container that the old plan's container did not have
     * @param removed instances in the old plan's container that the new plan's container does not have
     */
    public record ContainerChange(
            int containerId,
            ChangeKind kind,
            Optional<Resources> oldRequired,
            Optional<Resources> newRequired,
            List<InstanceId> added,
            List<InstanceId> removed) {
        public ContainerChange {
            requireNonNull(kind, "kind is null");
            requireNonNull(oldRequired, "oldRequired is null");
            requireNonNull(newRequired, "newRequired is null");
            added = List.copyOf(requireNonNull(added, "added is null"));
            removed = List.copyOf(requireNonNull(removed, "removed is null"));
        }
    }

    public PlanDiff {
        containers = List.copyOf(requireNonNull(containers, "containers is null"));
    }

    /** Compares two plans container by container; instances are matched by their full id. */
    public static PlanDiff between(PackingPlan oldPlan, PackingPlan newPlan) {
        requireNonNull(oldPlan, "oldPlan is null");
        requireNonNull(newPlan, "newPlan is null");
        Map<Integer, ContainerPlan> before = byId(oldPlan);
        Map<Integer, ContainerPlan> after = byId(newPlan);
        Set<Integer> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<ContainerChange> changes = new ArrayList<>(ids.size());
        for (int id : ids) {
            ContainerPlan old = before.get(id);
            ContainerPlan current = after.get(id);
            if (old == null) {
                changes.add(new ContainerChange(
                        id,
                        ChangeKind.NEW,
                        Optional.empty(),
                        Optional.of(current.required()),
                        ids(current),
                        List.of()));
            } else if (current == null) {
                changes.add(new ContainerChange(
                        id, ChangeKind.REMOVED, Optional.of(old.required()), Optional.empty(), List.of(), ids(old)));
            } else {
                List<InstanceId> added = minus(current, old);
                List<InstanceId> removed = minus(old, current);
                boolean same =
                        added.isEmpty() && removed.isEmpty() && old.required().equals(current.required());
                changes.add(new ContainerChange(
                        id,
                        same ? ChangeKind.UNAFFECTED : ChangeKind.MODIFIED,
                        Optional.of(old.required()),
                        Optional.of(current.required()),
                        added,
                        removed));
            }
        }
        return new PlanDiff(changes);
    }

    /** The changes of one kind, ordered by container id. */
    public List<ContainerChange> withKind(ChangeKind kind) {
        return containers.stream().filter(change -> change.kind() == kind).toList();
    }

    /** Whether the new plan changes nothing at all. */
    public boolean isEmpty() {
        return containers.stream().allMatch(change -> change.kind() == ChangeKind.UNAFFECTED);
    }

    /** Instances present in both plans but in different containers. */
    public Set<InstanceId> movedInstances() {
        Set<InstanceId> added = new HashSet<>();
        for (ContainerChange change : containers) {
            added.addAll(change.added());
        }
        Set<InstanceId> moved = new TreeSet<>();
        for (ContainerChange change : containers) {
            for (InstanceId instance : change.removed()) {
                if (added.contains(instance)) {
                    moved.add(instance);
                }
            }
        }
        return moved;
    }

    private static Map<Integer, ContainerPlan> byId(PackingPlan plan) {
        Map<Integer, ContainerPlan> result = new HashMap<>();
        for (ContainerPlan container : plan.containers()) {
            result.put(container.id(), container);
        }
        return result;
    }

    private static List<InstanceId> ids(ContainerPlan container) {
        return container.instances().stream().map(InstancePlan::id).toList();
    }

    private static List<InstanceId> minus(ContainerPlan from, ContainerPlan other) {
        Set<InstanceId> present = new HashSet<>(ids(other));
        return from.instances().stream()
                .map(InstancePlan::id)
                .filter(instance -> !present.contains(instance))
                .toList();
    }
}
