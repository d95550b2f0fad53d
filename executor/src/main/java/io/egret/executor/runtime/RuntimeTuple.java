package io.egret.executor.runtime;

import io.egret.api.Fields;
import io.egret.api.Tuple;
import java.util.List;

/**
 * A tuple in flight. Values are shared, not copied: authors must not change a list after emitting it.
 *
 * <p>A tracked tuple (at-least-once) also carries the roots of the spout tuples it descends from: for each, the
 * spout task that holds the root, the root id, and this tuple's id for that root (see {@link Tracking}). An
 * untracked tuple has none, and the same object may then go to several tasks; a tracked one goes to one task.
 */
final class RuntimeTuple implements Tuple {
    private static final long[] NO_IDS = new long[0];
    private static final int[] NO_TASKS = new int[0];

    final int sourceTask;
    final StreamInfo stream;
    final List<Object> values;
    final int[] rootTasks;
    final long[] rootIds;
    /** This tuple's id for every root, unless {@link #tupleIds} gives one per root. */
    final long tupleId;
    /** This tuple's id per root when they differ (a tuple anchored to several inputs), else null. */
    final long[] tupleIds;
    /** XOR of the ids of the tuples anchored to this one; owned by the receiving bolt's thread. */
    long childIds;

    RuntimeTuple(int sourceTask, StreamInfo stream, List<Object> values) {
        this(sourceTask, stream, values, NO_TASKS, NO_IDS, 0, null);
    }

    /** A tracked tuple with the same id for each of its roots (the arrays may be shared with other tuples). */
    RuntimeTuple(
            int sourceTask, StreamInfo stream, List<Object> values, int[] rootTasks, long[] rootIds, long tupleId) {
        this(sourceTask, stream, values, rootTasks, rootIds, tupleId, null);
    }

    /** A tracked tuple with an id per root. */
    RuntimeTuple(
            int sourceTask, StreamInfo stream, List<Object> values, int[] rootTasks, long[] rootIds, long[] tupleIds) {
        this(sourceTask, stream, values, rootTasks, rootIds, 0, tupleIds);
    }

    private RuntimeTuple(
            int sourceTask,
            StreamInfo stream,
            List<Object> values,
            int[] rootTasks,
            long[] rootIds,
            long tupleId,
            long[] tupleIds) {
        this.sourceTask = sourceTask;
        this.stream = stream;
        this.values = values;
        this.rootTasks = rootTasks;
        this.rootIds = rootIds;
        this.tupleId = tupleId;
        this.tupleIds = tupleIds;
    }

    /** This tuple's id for its root number {@code root}. */
    long tupleId(int root) {
        return tupleIds == null ? tupleId : tupleIds[root];
    }

    boolean isTracked() {
        return rootIds.length > 0;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Object getValue(int index) {
        return values.get(index);
    }

    @Override
    public Fields getFields() {
        return stream.fields();
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    @Override
    public String getSourceComponent() {
        return stream.component();
    }

    @Override
    public String getSourceStreamId() {
        return stream.stream();
    }

    @Override
    public int getSourceTask() {
        return sourceTask;
    }

    @Override
    public String toString() {
        return stream.component() + ":" + stream.stream() + " from task " + sourceTask + " " + values;
    }
}
