package io.egret.executor;

/**
 * Sizes of the data plane.
 *
 * @param batchSize tuples per batch handed between threads or containers
 * @param queueBatches batches an instance's queue (or a link's queue) holds before senders wait: with the batch
 *     size, the bound on buffered tuples
 */
public record RuntimeOptions(int batchSize, int queueBatches) {
    public static final RuntimeOptions DEFAULTS = new RuntimeOptions(256, 32);

    public RuntimeOptions {
        if (batchSize < 1 || queueBatches < 1) {
            throw new IllegalArgumentException("batch size and queue length must be at least 1");
        }
    }
}
