package io.egret.executor.runtime;

import io.egret.api.Bolt;
import io.egret.api.OutputCollector;
import io.egret.domain.packing.InstanceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Takes batches from the instance's bounded queue and executes each tuple; flushes its output per batch. */
final class BoltRunner extends InstanceRunner implements OutputCollector {
    final BlockingQueue<TupleBatch> queue;
    private final Bolt bolt;
    private final Map<String, String> config;
    private final InstanceContext context;
    private long executed;

    BoltRunner(
            InstanceId id,
            Emitter emitter,
            Bolt bolt,
            Map<String, String> config,
            InstanceContext context,
            int queueBatches) {
        super(id, emitter);
        this.bolt = bolt;
        this.config = config;
        this.context = context;
        this.queue = new ArrayBlockingQueue<>(queueBatches);
    }

    @Override
    public void run() {
        bolt.prepare(config, context, this);
        try {
            while (running) {
                TupleBatch batch;
                try {
                    batch = queue.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (batch == null) {
                    continue;
                }
                execute(batch);
                // Drain what is already queued before flushing: bigger output batches under load.
                TupleBatch next;
                int drained = 0;
                while (drained < 8 && (next = queue.poll()) != null) {
                    execute(next);
                    drained++;
                }
                emitter.flush();
                publishCounts(executed);
            }
        } finally {
            try {
                bolt.cleanup();
            } catch (RuntimeException e) {
                authorFailed("cleanup", e);
            }
            publishCounts(executed);
        }
    }

    private void execute(TupleBatch batch) {
        RuntimeTuple[] tuples = batch.tuples;
        for (int index = 0; index < batch.size; index++) {
            try {
                bolt.execute(tuples[index]);
            } catch (RuntimeException e) {
                authorFailed("execute", e);
            }
        }
        executed += batch.size;
    }

    @Override
    public void emit(List<Object> values) {
        emitter.emitDefault(values);
    }

    @Override
    public void emit(String stream, List<Object> values) {
        emitter.emit(stream, values);
    }
}
