package io.egret.executor.runtime;

/**
 * Tuples moved together: through an instance's queue, or to another container with their destination tasks.
 * Batching is what makes a bounded queue cheap per tuple. A batch belongs to one thread at a time.
 *
 * <p>A batch bound for a spout task carries acknowledgements instead of tuples (spouts receive no tuples): each
 * names the spout task holding the root, the root id, and either a value to XOR into the root ({@link #ACK}) or
 * a failure ({@link #FAIL}). The ack arrays exist only in batches that carry acks.
 */
final class TupleBatch {
    static final byte ACK = 0;
    static final byte FAIL = 1;

    final RuntimeTuple[] tuples;
    final int[] destinations;
    int size;
    int[] ackTasks;
    long[] ackRoots;
    long[] ackValues;
    byte[] ackKinds;
    int ackCount;

    TupleBatch(int capacity) {
        this.tuples = new RuntimeTuple[capacity];
        this.destinations = new int[capacity];
    }

    boolean isFull() {
        return size == tuples.length || ackCount == tuples.length;
    }

    void add(int destination, RuntimeTuple tuple) {
        destinations[size] = destination;
        tuples[size] = tuple;
        size++;
    }

    /** Adds an acknowledgement for a root held by spout task {@code task}. */
    void addAck(int task, long root, long value, byte kind) {
        if (ackTasks == null) {
            int capacity = tuples.length;
            ackTasks = new int[capacity];
            ackRoots = new long[capacity];
            ackValues = new long[capacity];
            ackKinds = new byte[capacity];
        }
        ackTasks[ackCount] = task;
        ackRoots[ackCount] = root;
        ackValues[ackCount] = value;
        ackKinds[ackCount] = kind;
        ackCount++;
    }
}
