package io.egret.executor.runtime;

import java.util.Arrays;

/**
 * Tuples moved together: through an instance's queue, or to another container with their destination tasks.
 * Batching is what makes a bounded queue cheap per tuple. A batch belongs to one thread at a time.
 *
 * <p>A batch bound for a spout task carries acknowledgements instead of tuples (spouts receive no tuples): each
 * names the spout task holding the root, the root id, and either a value to XOR into the root ({@link #ACK}) or
 * a failure ({@link #FAIL}). The tuple arrays exist only in batches that carry tuples, the ack arrays only in
 * batches that carry acks.
 */
final class TupleBatch {
    static final byte ACK = 0;
    static final byte FAIL = 1;
    /** Ack arrays start this small (most batches bound for a spout carry few acks) and double up to capacity. */
    private static final int FIRST_ACK_CAPACITY = 16;

    private final int capacity;
    /** Null until the first tuple: a batch bound for a spout carries acks only. */
    RuntimeTuple[] tuples;

    int[] destinations;
    int size;
    int[] ackTasks;
    long[] ackRoots;
    long[] ackValues;
    byte[] ackKinds;
    int ackCount;

    TupleBatch(int capacity) {
        this.capacity = capacity;
    }

    boolean isFull() {
        return size == capacity || ackCount == capacity;
    }

    void add(int destination, RuntimeTuple tuple) {
        if (tuples == null) {
            tuples = new RuntimeTuple[capacity];
            destinations = new int[capacity];
        }
        destinations[size] = destination;
        tuples[size] = tuple;
        size++;
    }

    /**
     * Adds an acknowledgement for a root held by spout task {@code task}. An ack for the same root as the one
     * before it is XORed into that one (XOR is associative, so the spout sees the same value): a bolt acking the
     * tuples of one tree in a row sends one ack, not one per tuple.
     */
    void addAck(int task, long root, long value, byte kind) {
        int last = ackCount - 1;
        if (kind == ACK && last >= 0 && ackKinds[last] == ACK && ackRoots[last] == root && ackTasks[last] == task) {
            ackValues[last] ^= value;
            return;
        }
        if (ackTasks == null || ackCount == ackTasks.length) {
            growAcks();
        }
        ackTasks[ackCount] = task;
        ackRoots[ackCount] = root;
        ackValues[ackCount] = value;
        ackKinds[ackCount] = kind;
        ackCount++;
    }

    private void growAcks() {
        int length =
                ackTasks == null ? Math.min(capacity, FIRST_ACK_CAPACITY) : Math.min(capacity, ackTasks.length * 2);
        ackTasks = ackTasks == null ? new int[length] : Arrays.copyOf(ackTasks, length);
        ackRoots = ackRoots == null ? new long[length] : Arrays.copyOf(ackRoots, length);
        ackValues = ackValues == null ? new long[length] : Arrays.copyOf(ackValues, length);
        ackKinds = ackKinds == null ? new byte[length] : Arrays.copyOf(ackKinds, length);
    }
}
