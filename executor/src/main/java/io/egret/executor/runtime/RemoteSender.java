package io.egret.executor.runtime;

/** Takes batches bound for another container. Implemented by the stream manager's links. */
public interface RemoteSender {

    /** For a topology that runs in one container: there is nobody to send to. */
    RemoteSender NONE = (lane, batch) -> {
        throw new IllegalStateException("no link for lane " + lane + " in a single-container runtime");
    };

    /**
     * Hands over a batch for a lane (see {@link TopologyLayout#laneOf}), waiting while the link's queue is full
     * (backpressure).
     */
    void send(int lane, TupleBatch batch);
}
