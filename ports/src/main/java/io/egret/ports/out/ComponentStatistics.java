package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

/**
 * Tuple counts of one component, summed over its instances, since the topology master started (counts of a
 * container that restarted are kept, so totals never go back).
 *
 * @param failures exceptions thrown by the author's code (caught and counted by the runtime) and errors it reported
 * @param acked spout: tuple trees completed; bolt: input tuples acked
 * @param failed spout: tuple trees failed by a bolt or timed out; bolt: input tuples failed
 * @param replayed spout: tuples emitted again under the message id of one that failed
 * @param dropped tuples bound for this component lost on a link between containers (a dead or restarting peer)
 */
public record ComponentStatistics(
        String component,
        int instances,
        long emitted,
        long executed,
        long failures,
        long acked,
        long failed,
        long replayed,
        long dropped) {
    public ComponentStatistics {
        requireNonNull(component, "component is null");
    }

    /** Counts of a topology that tracks nothing and lost nothing. */
    public ComponentStatistics(String component, int instances, long emitted, long executed) {
        this(component, instances, emitted, executed, 0, 0, 0, 0, 0);
    }
}
