package io.egret.executor.runtime;

/**
 * Tuple counts of one component's instances in one container.
 *
 * @param failures exceptions thrown by the author's code and caught by the runtime, and errors it reported
 * @param acked spout: tuple trees completed; bolt: input tuples acked
 * @param failed spout: tuple trees failed (by a bolt, or timed out); bolt: input tuples failed
 * @param replayed spout: tuples emitted again with the message id of a tuple that failed
 * @param dropped tuples bound for this component that never reached one of its instances: lost on a link to another
 *     container, or not handed on by a container that was stopping or had no link for them
 */
public record ComponentCounters(
        int instances,
        long emitted,
        long executed,
        long failures,
        long acked,
        long failed,
        long replayed,
        long dropped) {
    public ComponentCounters plus(ComponentCounters other) {
        return new ComponentCounters(
                instances + other.instances,
                emitted + other.emitted,
                executed + other.executed,
                failures + other.failures,
                acked + other.acked,
                failed + other.failed,
                replayed + other.replayed,
                dropped + other.dropped);
    }
}
