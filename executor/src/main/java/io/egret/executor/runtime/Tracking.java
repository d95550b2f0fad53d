package io.egret.executor.runtime;

import io.egret.api.Tuple;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * At-least-once tuple trees, tracked as an XOR of 64-bit ids per root (the scheme Heron and Storm use).
 *
 * <p>A spout tuple emitted with a message id gets a random root id; each copy sent to a destination gets a random
 * tuple id, and the root's value (held by the spout's task, in its container) starts as the XOR of those ids. A
 * bolt emitting a tuple anchored to an input gives the new tuple a random id, XORs it into the input's
 * {@link RuntimeTuple#childIds}, and the new tuple inherits the input's roots. Acking an input sends, for each of
 * its roots, the input's id XOR its children's ids to the root's spout task, which XORs it into the root: every
 * id then appears exactly twice (once when created, once when acked), so the root reaches zero exactly when the
 * whole tree was acked. Memory is one entry per pending root, whatever the size of its tree; a root that does not
 * reach zero in time fails.
 */
final class Tracking {
    private Tracking() {}

    /** A random id that is never 0 (0 means "complete"). */
    static long newId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    /**
     * The lineage of a spout tuple: one root, whose value accumulates the ids of the copies sent. The spout's thread
     * reuses one for every emit ({@link #reset}); the copies of one emit share its root arrays.
     */
    static final class SpoutRoot implements Lineage {
        private final int[] spoutTask;
        private long[] rootId;
        private long value;

        SpoutRoot(int spoutTask, long rootId) {
            this.spoutTask = new int[] {spoutTask};
            reset(rootId);
        }

        /** Starts the lineage of another emit. */
        void reset(long newRootId) {
            rootId = new long[] {newRootId};
            value = 0;
        }

        long rootId() {
            return rootId[0];
        }

        /** The XOR of the ids of every copy emitted; 0 if the tuple went nowhere. */
        long value() {
            return value;
        }

        @Override
        public RuntimeTuple tupleFor(int sourceTask, StreamInfo stream, List<Object> values) {
            long id = newId();
            value ^= id;
            return new RuntimeTuple(sourceTask, stream, values, spoutTask, rootId, id);
        }
    }

    /**
     * The lineage of a bolt tuple anchored to inputs; null when no anchor is tracked (the tuple is then untracked).
     */
    static Lineage anchoredTo(Collection<? extends Tuple> anchors) {
        int tracked = 0;
        RuntimeTuple single = null;
        for (Tuple anchor : anchors) {
            if (anchor instanceof RuntimeTuple tuple && tuple.isTracked()) {
                tracked++;
                single = tuple;
            }
        }
        if (tracked == 0) {
            return null;
        }
        if (tracked == 1) {
            return new SingleAnchor().anchoredTo(single);
        }
        RuntimeTuple[] all = new RuntimeTuple[tracked];
        int index = 0;
        for (Tuple anchor : anchors) {
            if (anchor instanceof RuntimeTuple tuple && tuple.isTracked()) {
                all[index++] = tuple;
            }
        }
        return new ManyAnchors(all);
    }

    /**
     * The lineage of a bolt tuple anchored to one tuple: the same roots, one new id. A bolt's thread may reuse one
     * for every emit with a single anchor (the lineage is used only while the emit runs).
     */
    static final class SingleAnchor implements Lineage {
        private RuntimeTuple anchor;

        /** This lineage, now for children of {@code tracked} (a tracked tuple). */
        SingleAnchor anchoredTo(RuntimeTuple tracked) {
            this.anchor = tracked;
            return this;
        }

        @Override
        public RuntimeTuple tupleFor(int sourceTask, StreamInfo stream, List<Object> values) {
            long id = newId();
            anchor.childIds ^= id;
            // Every root of the child gets the same id: the roots' arrays are shared with the anchor.
            return new RuntimeTuple(sourceTask, stream, values, anchor.rootTasks, anchor.rootIds, id);
        }
    }

    /** Several anchors: the new tuple's roots are their union; each anchor contributes its own edge id. */
    private static final class ManyAnchors implements Lineage {
        private final RuntimeTuple[] anchors;

        private ManyAnchors(RuntimeTuple[] anchors) {
            this.anchors = anchors;
        }

        @Override
        public RuntimeTuple tupleFor(int sourceTask, StreamInfo stream, List<Object> values) {
            int capacity = 0;
            for (RuntimeTuple anchor : anchors) {
                capacity += anchor.rootIds.length;
            }
            int[] tasks = new int[capacity];
            long[] roots = new long[capacity];
            long[] ids = new long[capacity];
            int count = 0;
            for (RuntimeTuple anchor : anchors) {
                long edge = newId();
                anchor.childIds ^= edge;
                for (int root = 0; root < anchor.rootIds.length; root++) {
                    int at = indexOf(roots, tasks, count, anchor.rootIds[root], anchor.rootTasks[root]);
                    if (at < 0) {
                        at = count++;
                        roots[at] = anchor.rootIds[root];
                        tasks[at] = anchor.rootTasks[root];
                    }
                    ids[at] ^= edge;
                }
            }
            return new RuntimeTuple(
                    sourceTask,
                    stream,
                    values,
                    Arrays.copyOf(tasks, count),
                    Arrays.copyOf(roots, count),
                    Arrays.copyOf(ids, count));
        }

        private static int indexOf(long[] roots, int[] tasks, int count, long root, int task) {
            for (int index = 0; index < count; index++) {
                if (roots[index] == root && tasks[index] == task) {
                    return index;
                }
            }
            return -1;
        }
    }
}
