package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.Resources;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which instances run in which container and what each container requests. Containers are ordered by id; ids
 * and task ids are unique (checked here, so no algorithm can produce a plan that places an instance twice).
 *
 * @param algorithm the packing algorithm's short name, for dry-run output and plan diffs
 */
public record PackingPlan(String algorithm, List<ContainerPlan> containers) {
    public PackingPlan {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(containers, "containers is null");
        containers = sortedById(containers);
        IdSet containerIds = new IdSet(containers.size());
        int instanceCount = 0;
        for (ContainerPlan container : containers) {
            instanceCount += container.instances().size();
        }
        IdSet taskIds = new IdSet(instanceCount);
        for (ContainerPlan container : containers) {
            if (!containerIds.add(container.id())) {
                throw new IllegalArgumentException("container " + container.id() + " appears twice in the plan");
            }
            for (InstancePlan instance : container.instances()) {
                if (!taskIds.add(instance.id().taskId())) {
                    throw new IllegalArgumentException("task " + instance.id().taskId() + " appears twice in the plan");
                }
            }
        }
    }

    private static List<ContainerPlan> sortedById(List<ContainerPlan> containers) {
        boolean sorted = true;
        for (int position = 1; position < containers.size() && sorted; position++) {
            sorted = containers.get(position - 1).id()
                    <= containers.get(position).id();
        }
        if (sorted) {
            return List.copyOf(containers);
        }
        return containers.stream()
                .sorted(Comparator.comparingInt(ContainerPlan::id))
                .toList();
    }

    /**
     * Positive ids seen so far. Ids are dense in practice (1 to n), so a bit set does the uniqueness check without
     * boxing a million integers; ids far above the expected count fall back to a hash set.
     */
    private static final class IdSet {
        private final int denseLimit;
        private final BitSet dense;
        private final Set<Integer> sparse = new HashSet<>();

        IdSet(int expected) {
            denseLimit = Math.max(1024, expected * 4);
            dense = new BitSet(Math.min(denseLimit, expected + 64));
        }

        boolean add(int id) {
            if (id >= 0 && id < denseLimit) {
                if (dense.get(id)) {
                    return false;
                }
                dense.set(id);
                return true;
            }
            return sparse.add(id);
        }
    }

    public Optional<ContainerPlan> container(int id) {
        return containers.stream().filter(container -> container.id() == id).findFirst();
    }

    public int instanceCount() {
        return containers.stream()
                .mapToInt(container -> container.instances().size())
                .sum();
    }

    /** Component name to number of instances, sorted by name. */
    public Map<String, Integer> componentCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (ContainerPlan container : containers) {
            for (InstancePlan instance : container.instances()) {
                counts.merge(instance.component(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * The per-dimension maximum over all containers: what a scheduler that needs identical containers must
     * request for each (the largest, never an arbitrary one).
     */
    public Resources maxContainerResources() {
        Resources max = Resources.ZERO;
        for (ContainerPlan container : containers) {
            max = max.max(container.required());
        }
        return max;
    }

    /** The sum of all containers' requests. */
    public Resources totalResources() {
        Resources total = Resources.ZERO;
        for (ContainerPlan container : containers) {
            total = total.plus(container.required());
        }
        return total;
    }
}
