package io.egret.executor.runtime;

/** Where an emitter hands full batches: instance queues in this container, or the link to another container. */
interface Delivery {

    /** Puts a batch on a local task's queue, waiting while it is full (backpressure). */
    void sendLocal(int taskId, TupleBatch batch);

    /**
     * Hands a batch (with destination tasks) to the link of a lane (see {@link TopologyLayout#laneOf}) in another
     * container, waiting while it is full.
     */
    void sendRemote(int lane, TupleBatch batch);
}
