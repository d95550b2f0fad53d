package io.egret.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.domain.packing.InstanceId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls {@link Spout#nextTuple()} while the topology is active, in rounds, flushing after each round.
 *
 * <p>At least once ({@link Reliability#tracking()}), it also holds the roots of the tuples it emitted with a
 * message id (see {@link Tracking}): acks from bolts arrive in its inbox from any thread, and this thread applies
 * them between rounds, calls {@link Spout#ack} or {@link Spout#fail}, fails roots older than the message timeout,
 * and does not call {@code nextTuple} while {@code max.spout.pending} roots are pending. At most once, a message id
 * is acked right after the {@code nextTuple} call that emitted it, and nothing is held.
 */
final class SpoutRunner extends InstanceRunner implements SpoutOutputCollector {
    /** nextTuple calls per round between checks of the active flag; bounds the deactivation latency. */
    private static final int ROUND = 256;

    private static final long IDLE_PARK_NANOS = 200_000;
    /** Failed message ids remembered to count replays; beyond this, replays of older failures go uncounted. */
    private static final int REMEMBERED_FAILURES = 100_000;

    private final Spout spout;
    private final Map<String, String> config;
    private final InstanceContext context;
    private final Reliability reliability;
    private final PendingRoots pending = new PendingRoots();
    private final ConcurrentLinkedQueue<TupleBatch> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Object> immediateAcks = new ArrayDeque<>();
    private final Set<Object> failedIds = new HashSet<>();
    private volatile boolean active;
    private volatile boolean emitting;
    private volatile Thread thread;
    private long nextTimeoutCheck;
    /** The lineage of the tracked emit in progress; one for all emits of this thread. */
    private Tracking.SpoutRoot root;

    SpoutRunner(
            InstanceId id,
            Emitter emitter,
            Spout spout,
            Map<String, String> config,
            InstanceContext context,
            boolean active,
            Reliability reliability) {
        super(id, emitter);
        this.spout = spout;
        this.config = config;
        this.context = context;
        this.active = active;
        this.reliability = reliability;
    }

    void setActive(boolean active) {
        this.active = active;
        LockSupport.unpark(thread);
    }

    /** Whether the spout thread has acted on the active flag: emitting, or stopped with its batches flushed. */
    boolean isEmitting() {
        return emitting;
    }

    /** Hands over a batch of acks (some may be for other tasks of this component); never waits. */
    void receiveAcks(TupleBatch batch) {
        inbox.offer(batch);
        LockSupport.unpark(thread);
    }

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
                settle();
                if (!shouldEmit) {
                    emitter.flush();
                    publishCounts();
                    LockSupport.parkNanos(10_000_000);
                    continue;
                }
                long before = emitter.emitted();
                boolean throttled = false;
                for (int call = 0; call < ROUND && running; call++) {
                    if (pending.size() >= reliability.maxPending()) {
                        throttled = true;
                        break;
                    }
                    try {
                        spout.nextTuple();
                    } catch (RuntimeException e) {
                        authorFailed("nextTuple", e);
                    }
                    ackImmediately();
                }
                emitter.flush();
                publishCounts();
                if (throttled || emitter.emitted() == before) {
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
            publishCounts();
        }
    }

    /** Applies the acks received, then fails the roots that timed out; calls the spout for each outcome. */
    private void settle() {
        TupleBatch batch;
        int own = id.taskId();
        while ((batch = inbox.poll()) != null) {
            for (int index = 0; index < batch.ackCount; index++) {
                if (batch.ackTasks[index] != own) {
                    continue;
                }
                int entry = pending.find(batch.ackRoots[index]);
                if (entry < 0) {
                    // Already failed (timed out) or from before this instance started: nothing to do.
                    continue;
                }
                if (batch.ackKinds[index] == TupleBatch.FAIL) {
                    failRoot(pending.remove(entry));
                } else if (pending.xor(entry, batch.ackValues[index]) == 0) {
                    ackRoot(pending.remove(entry));
                }
            }
        }
        if (!reliability.tracking() || pending.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextTimeoutCheck < 0) {
            return;
        }
        nextTimeoutCheck = now + Math.min(reliability.timeoutNanos() / 10, 100_000_000L);
        List<Object> expired = new ArrayList<>();
        for (int oldest = pending.oldest();
                oldest >= 0 && now - pending.emittedAt(oldest) >= reliability.timeoutNanos();
                oldest = pending.oldest()) {
            expired.add(pending.remove(oldest));
        }
        for (Object messageId : expired) {
            failRoot(messageId);
        }
    }

    private void ackRoot(Object messageId) {
        acked++;
        try {
            spout.ack(messageId);
        } catch (RuntimeException e) {
            authorFailed("ack", e);
        }
    }

    private void failRoot(Object messageId) {
        failed++;
        if (failedIds.size() < REMEMBERED_FAILURES) {
            failedIds.add(messageId);
        }
        try {
            spout.fail(messageId);
        } catch (RuntimeException e) {
            authorFailed("fail", e);
        }
    }

    private void ackImmediately() {
        Object messageId;
        while ((messageId = immediateAcks.poll()) != null) {
            ackRoot(messageId);
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
    public void emit(List<Object> values, Object messageId) {
        emitTracked(null, -1, values, messageId);
    }

    @Override
    public void emit(String stream, List<Object> values, Object messageId) {
        emitTracked(requireNonNull(stream, "stream is null"), -1, values, messageId);
    }

    @Override
    public void emitDirect(int taskId, String stream, List<Object> values, Object messageId) {
        emitTracked(requireNonNull(stream, "stream is null"), taskId, values, messageId);
    }

    @Override
    public void reportError(Throwable error) {
        authorFailed("reportError", error);
    }

    /**
     * @param stream null for the default stream
     * @param directTask the task of an emitDirect, or -1
     */
    private void emitTracked(String stream, int directTask, List<Object> values, Object messageId) {
        if (messageId == null || !reliability.tracking()) {
            send(stream, directTask, values, null);
            if (messageId != null) {
                immediateAcks.add(messageId);
            }
            return;
        }
        if (!failedIds.isEmpty() && failedIds.remove(messageId)) {
            replayed++;
        }
        if (root == null) {
            root = new Tracking.SpoutRoot(id.taskId(), Tracking.newId());
        } else {
            root.reset(Tracking.newId());
        }
        send(stream, directTask, values, root);
        if (root.value() == 0) {
            // Nobody subscribes: the tree is complete as it is.
            immediateAcks.add(messageId);
        } else {
            pending.add(root.rootId(), messageId, root.value(), System.nanoTime());
        }
    }

    private void send(String stream, int directTask, List<Object> values, Lineage lineage) {
        if (directTask >= 0) {
            emitter.emitDirect(directTask, stream, values, lineage);
        } else if (stream == null) {
            emitter.emitDefault(values, lineage);
        } else {
            emitter.emit(stream, values, lineage);
        }
    }
}
