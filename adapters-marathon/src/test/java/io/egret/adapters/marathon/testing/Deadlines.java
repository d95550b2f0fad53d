package io.egret.adapters.marathon.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Test deadlines scaled by the system property {@code egret.test.timeout.factor} (default 1), so that a loaded
 * machine gets more time instead of failing; tests wait for conditions, never for a fixed time.
 */
public final class Deadlines {
    private Deadlines() {}

    public static double factor() {
        return Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
    }

    public static Duration scaled(Duration duration) {
        return Duration.ofMillis((long) (duration.toMillis() * factor()));
    }

    /** Polls until the condition holds; fails naming what was awaited when the scaled deadline passes. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(scaled(timeout));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + scaled(timeout) + " waiting for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
