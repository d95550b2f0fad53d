package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one instance of a component. Task ids are global and start at 1; the component index counts the
 * component's instances from 0.
 */
public record InstanceId(String component, int taskId, int componentIndex) implements Comparable<InstanceId> {
    public InstanceId {
        requireNonNull(component, "component is null");
        if (taskId < 1) {
            throw new IllegalArgumentException("task id must be at least 1, got " + taskId);
        }
        if (componentIndex < 0) {
            throw new IllegalArgumentException("component index must not be negative, got " + componentIndex);
        }
    }

    @Override
    public int compareTo(InstanceId other) {
        return Integer.compare(taskId, other.taskId);
    }

    @Override
    public String toString() {
        return component + "#" + componentIndex + " (task " + taskId + ")";
    }
}
