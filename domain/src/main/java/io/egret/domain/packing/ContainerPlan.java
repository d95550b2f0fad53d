package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container: its id (1 and up; container 0 runs the topology master and is never packed), its instances
 * ordered by task id, and the resources it requests from the scheduler (instances plus padding).
 */
public record ContainerPlan(int id, List<InstancePlan> instances, Resources required) {
    public ContainerPlan {
        requireNonNull(instances, "instances is null");
        requireNonNull(required, "required is null");
        if (id < 1) {
            throw new IllegalArgumentException("container id must be at least 1, got " + id);
        }
        instances = sortedByTaskId(instances);
    }

    private static List<InstancePlan> sortedByTaskId(List<InstancePlan> instances) {
        boolean sorted = true;
        for (int position = 1; position < instances.size() && sorted; position++) {
            sorted = instances.get(position - 1).id().taskId()
                    < instances.get(position).id().taskId();
        }
        if (sorted) {
            return List.copyOf(instances);
        }
        return instances.stream().sorted(Comparator.comparing(InstancePlan::id)).toList();
    }

    /** The sum of the instances' resources, without padding. */
    public Resources instanceResources() {
        Resources total = Resources.ZERO;
        for (InstancePlan instance : instances) {
            total = total.plus(instance.resources());
        }
        return total;
    }

    public long countOf(String component) {
        return instances.stream()
                .filter(instance -> instance.component().equals(component))
                .count();
    }

    /**
     * The RAM of each component's instances here, for the executor's {@code --component-ram-map}. It is per
     * container on purpose: under RoundRobin, instances of one component get different shares in different
     * containers, and a topology-wide map (Heron's) can size a heap beyond its container. Should instances of one
     * component here differ, the smallest wins, so that no heap outgrows what was planned.
     */
    public Map<String, ByteAmount> componentRam() {
        Map<String, ByteAmount> ram = new TreeMap<>();
        for (InstancePlan instance : instances) {
            ram.merge(instance.component(), instance.resources().ram(), ByteAmount::min);
        }
        return ram;
    }

    public ContainerPlan withRequired(Resources newRequired) {
        return new ContainerPlan(id, instances, newRequired);
    }
}
