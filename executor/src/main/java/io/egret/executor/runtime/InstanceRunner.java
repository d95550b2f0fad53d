package io.egret.executor.runtime;

import io.egret.domain.packing.InstanceId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The thread of one spout or bolt instance. Author code that throws is logged (the first time with its stack,
 * then counted) and the instance goes on: one bad tuple should not take down a container, and the failure count
 * is visible in the status.
 */
abstract class InstanceRunner implements Runnable {
    private static final Logger LOGGER = System.getLogger(InstanceRunner.class.getName());

    final InstanceId id;
    final Emitter emitter;
    volatile boolean running = true;
    private volatile long publishedEmitted;
    private volatile long publishedExecuted;
    private volatile long publishedFailures;
    long failures;

    InstanceRunner(InstanceId id, Emitter emitter) {
        this.id = id;
        this.emitter = emitter;
    }

    /** Makes the counts visible to other threads; called once per loop, not per tuple. */
    final void publishCounts(long executed) {
        publishedEmitted = emitter.emitted();
        publishedExecuted = executed;
        publishedFailures = failures;
    }

    final long emitted() {
        return publishedEmitted;
    }

    final long executed() {
        return publishedExecuted;
    }

    final long failures() {
        return publishedFailures;
    }

    final void authorFailed(String what, RuntimeException exception) {
        failures++;
        if (failures == 1) {
            LOGGER.log(Level.WARNING, id + " failed in " + what + "; later failures are only counted", exception);
        }
    }

    void stop() {
        running = false;
    }
}
