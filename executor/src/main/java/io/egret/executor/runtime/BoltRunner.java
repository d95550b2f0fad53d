package io.egret.executor.runtime;

import io.egret.api.Bolt;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.Streams;
import io.egret.api.Tuple;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.topology.TopologyConfig;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takes batches from the instance's bounded queue and executes each tuple; flushes its output (tuples and acks)
 * per batch. Sends itself a tick tuple every {@code topology.tick.tuple.freq.secs} seconds when that is set for
 * its component or topology.
 *
 * <p>An exception thrown by {@code execute} is counted; at least once, the tuple is also failed, so that its spout
 * tuple is replayed without waiting for the timeout.
 */
final class BoltRunner extends InstanceRunner implements OutputCollector {
    private static final StreamInfo TICK_STREAM =
            new StreamInfo(-1, Streams.SYSTEM_COMPONENT, Streams.TICK_STREAM, new Fields());
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    final BlockingQueue<TupleBatch> queue;
    private final Bolt bolt;
    private final Map<String, String> config;
    private final InstanceContext context;
    private final Reliability reliability;
    private final Tracking.SingleAnchor singleAnchor = new Tracking.SingleAnchor();
    private long nextTick = Long.MAX_VALUE;
    private boolean ticking;

    BoltRunner(
            InstanceId id,
            Emitter emitter,
            Bolt bolt,
            Map<String, String> config,
            InstanceContext context,
            int queueBatches,
            Reliability reliability) {
        super(id, emitter);
        this.bolt = bolt;
        this.config = config;
        this.context = context;
        this.queue = new ArrayBlockingQueue<>(queueBatches);
        this.reliability = reliability;
    }

    @Override
    public void run() {
        bolt.prepare(config, context, this);
        scheduleTick(System.nanoTime());
        try {
            while (running) {
                TupleBatch batch;
                long now = System.nanoTime();
                try {
                    batch = queue.poll(Math.max(0, Math.min(POLL_NANOS, nextTick - now)), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (batch != null) {
                    execute(batch);
                    // Drain what is already queued before flushing: bigger output batches under load.
                    TupleBatch next;
                    int drained = 0;
                    while (drained < 8 && (next = queue.poll()) != null) {
                        execute(next);
                        drained++;
                    }
                }
                now = System.nanoTime();
                if (now - nextTick >= 0) {
                    if (ticking) {
                        executeOne(new RuntimeTuple(0, TICK_STREAM, List.of()));
                    }
                    scheduleTick(now);
                }
                emitter.flush();
                publishCounts();
            }
        } finally {
            try {
                bolt.cleanup();
            } catch (RuntimeException e) {
                authorFailed("cleanup", e);
            }
            publishCounts();
        }
    }

    /**
     * The next tick from the current config, so that a runtime-config change of the frequency takes effect; without
     * ticks, the config is looked at again a second later.
     */
    private void scheduleTick(long now) {
        int seconds;
        try {
            seconds = new TopologyConfig(context.getConfig())
                    .getInt(TopologyConfig.TICK_TUPLE_FREQ_SECS)
                    .orElse(0);
        } catch (RuntimeException e) {
            authorFailed("reading " + TopologyConfig.TICK_TUPLE_FREQ_SECS, e);
            seconds = 0;
        }
        ticking = seconds > 0;
        nextTick = now + TimeUnit.SECONDS.toNanos(ticking ? seconds : 1);
    }

    private void execute(TupleBatch batch) {
        RuntimeTuple[] tuples = batch.tuples;
        for (int index = 0; index < batch.size; index++) {
            executeOne(tuples[index]);
        }
        executed += batch.size;
    }

    private void executeOne(RuntimeTuple tuple) {
        try {
            bolt.execute(tuple);
        } catch (RuntimeException e) {
            authorFailed("execute", e);
            if (tuple.isTracked()) {
                fail(tuple);
            }
        }
    }

    @Override
    public void emit(List<Object> values) {
        emitter.emitDefault(values, null);
    }

    @Override
    public void emit(String stream, List<Object> values) {
        emitter.emit(stream, values, null);
    }

    @Override
    public void emit(String stream, Collection<Tuple> anchors, List<Object> values) {
        emitter.emit(stream, values, lineage(anchors));
    }

    @Override
    public void emit(Tuple anchor, List<Object> values) {
        emitter.emitDefault(values, lineage(anchor));
    }

    @Override
    public void emit(String stream, Tuple anchor, List<Object> values) {
        emitter.emit(stream, values, lineage(anchor));
    }

    @Override
    public void emitDirect(int taskId, String stream, Collection<Tuple> anchors, List<Object> values) {
        emitter.emitDirect(taskId, stream, values, lineage(anchors));
    }

    private Lineage lineage(Collection<Tuple> anchors) {
        if (!reliability.tracking()) {
            return null;
        }
        return anchors.size() == 1 ? lineage(anchors.iterator().next()) : Tracking.anchoredTo(anchors);
    }

    /** The lineage of a single anchor, without allocating: the one emit that uses it ends before the next. */
    private Lineage lineage(Tuple anchor) {
        return reliability.tracking() && anchor instanceof RuntimeTuple tuple && tuple.isTracked()
                ? singleAnchor.anchoredTo(tuple)
                : null;
    }

    @Override
    public void ack(Tuple input) {
        if (input.isTick()) {
            return;
        }
        acked++;
        if (input instanceof RuntimeTuple tuple && tuple.isTracked()) {
            for (int root = 0; root < tuple.rootIds.length; root++) {
                emitter.acknowledge(
                        tuple.rootTasks[root],
                        tuple.rootIds[root],
                        tuple.tupleId(root) ^ tuple.childIds,
                        TupleBatch.ACK);
            }
        }
    }

    @Override
    public void fail(Tuple input) {
        if (input.isTick()) {
            return;
        }
        failed++;
        if (input instanceof RuntimeTuple tuple && tuple.isTracked()) {
            for (int root = 0; root < tuple.rootIds.length; root++) {
                emitter.acknowledge(tuple.rootTasks[root], tuple.rootIds[root], 0, TupleBatch.FAIL);
            }
        }
    }

    @Override
    public void reportError(Throwable error) {
        authorFailed("reportError", error);
    }
}
