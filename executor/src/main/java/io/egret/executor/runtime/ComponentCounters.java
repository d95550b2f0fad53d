package io.egret.executor.runtime;

/**
 * Tuple counts of one component's instances in one container.
 *
 * @param failures exceptions thrown by the author's code and caught by the runtime
 */
public record ComponentCounters(int instances, long emitted, long executed, long failures) {
    public ComponentCounters plus(ComponentCounters other) {
        return new ComponentCounters(
                instances + other.instances,
                emitted + other.emitted,
                executed + other.executed,
                failures + other.failures);
    }
}
