package io.egret.executor.runtime;

import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.domain.packing.InstanceId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/** Calls {@link Spout#nextTuple()} while the topology is active, in rounds, flushing after each round. */
final class SpoutRunner extends InstanceRunner implements SpoutOutputCollector {
    /** nextTuple calls per round between checks of the active flag; bounds the deactivation latency. */
    private static final int ROUND = 256;

    private static final long IDLE_PARK_NANOS = 200_000;

    private final Spout spout;
    private final Map<String, String> config;
    private final InstanceContext context;
    private volatile boolean active;
    private volatile boolean emitting;

    SpoutRunner(
            InstanceId id,
            Emitter emitter,
            Spout spout,
            Map<String, String> config,
            InstanceContext context,
            boolean active) {
        super(id, emitter);
        this.spout = spout;
        this.config = config;
        this.context = context;
        this.active = active;
    }

    void setActive(boolean active) {
        this.active = active;
        LockSupport.unpark(thread);
    }

    /** Whether the spout thread has acted on the active flag: emitting, or stopped with its batches flushed. */
    boolean isEmitting() {
        return emitting;
    }

    private volatile Thread thread;

    @Override
    public void run() {
        thread = Thread.currentThread();
        spout.open(config, context, this);
        // The state the spout was opened in needs no callback: activate() and deactivate() mark changes.
        boolean wasActive = active;
        emitting = wasActive;
        try {
            while (running) {
                boolean shouldEmit = active;
                if (shouldEmit != wasActive) {
                    try {
                        if (shouldEmit) {
                            spout.activate();
                        } else {
                            spout.deactivate();
                        }
                    } catch (RuntimeException e) {
                        authorFailed(shouldEmit ? "activate" : "deactivate", e);
                    }
                    wasActive = shouldEmit;
                    emitting = shouldEmit;
                }
                if (!shouldEmit) {
                    publishCounts(0);
                    LockSupport.parkNanos(10_000_000);
                    continue;
                }
                long before = emitter.emitted();
                for (int call = 0; call < ROUND && running; call++) {
                    try {
                        spout.nextTuple();
                    } catch (RuntimeException e) {
                        authorFailed("nextTuple", e);
                    }
                }
                emitter.flush();
                publishCounts(0);
                if (emitter.emitted() == before) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } finally {
            emitting = false;
            try {
                spout.close();
            } catch (RuntimeException e) {
                authorFailed("close", e);
            }
            publishCounts(0);
        }
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
