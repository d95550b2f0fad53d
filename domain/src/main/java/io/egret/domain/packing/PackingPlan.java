package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.Resources;
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
        containers = containers.stream()
                .sorted(Comparator.comparingInt(ContainerPlan::id))
                .toList();
        Set<Integer> containerIds = new HashSet<>();
        Set<Integer> taskIds = new HashSet<>();
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
