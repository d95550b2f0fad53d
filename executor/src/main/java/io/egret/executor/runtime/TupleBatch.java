package io.egret.executor.runtime;

/**
 * Tuples moved together: through an instance's queue, or to another container with their destination tasks.
 * Batching is what makes a bounded queue cheap per tuple. A batch belongs to one thread at a time.
 */
final class TupleBatch {
    final RuntimeTuple[] tuples;
    final int[] destinations;
    int size;

    TupleBatch(int capacity) {
        this.tuples = new RuntimeTuple[capacity];
        this.destinations = new int[capacity];
    }

    boolean isFull() {
        return size == tuples.length;
    }

    void add(int destination, RuntimeTuple tuple) {
        destinations[size] = destination;
        tuples[size] = tuple;
        size++;
    }
}
