package io.egret.executor.runtime;

import io.egret.domain.packing.InstanceId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The thread of one spout or bolt instance. Author code that throws is logged (the first time with its stack,
 * then counted) and the instance goes on: one bad tuple should not take down a container, and the failure count
 * is visible in the status.
 *
 * <p>Counts are plain fields written by the instance thread and published to other threads through volatile
 * copies once per loop, not per tuple.
 */
abstract class InstanceRunner implements Runnable {
    private static final Logger LOGGER = System.getLogger(InstanceRunner.class.getName());

    final InstanceId id;
    final Emitter emitter;
    volatile boolean running = true;
    private volatile ComponentCounters published = new ComponentCounters(1, 0, 0, 0, 0, 0, 0, 0);
    long executed;
    long failures;
    long acked;
    long failed;
    long replayed;

    InstanceRunner(InstanceId id, Emitter emitter) {
        this.id = id;
        this.emitter = emitter;
    }

    /** Makes the counts visible to other threads; called once per loop, not per tuple. */
    final void publishCounts() {
        published = new ComponentCounters(1, emitter.emitted(), executed, failures, acked, failed, replayed, 0);
    }

    /** This instance's counts as last published. */
    final ComponentCounters counters() {
        return published;
    }

    final void authorFailed(String what, Throwable exception) {
        failures++;
        if (failures == 1) {
            LOGGER.log(Level.WARNING, id + " failed in " + what + "; later failures are only counted", exception);
        }
    }

    void stop() {
        running = false;
    }
}
