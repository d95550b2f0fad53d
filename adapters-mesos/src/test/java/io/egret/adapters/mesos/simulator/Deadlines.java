package io.egret.adapters.mesos.simulator;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Test deadlines, each multiplied by the system property {@code egret.test.timeout.factor} (default 1), and a
 * wait for a condition that polls instead of sleeping a fixed time.
 */
public final class Deadlines {
    private Deadlines() {}

    public static double factor() {
        String value = System.getProperty("egret.test.timeout.factor", System.getenv("EGRET_TEST_TIMEOUT_FACTOR"));
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        return Math.max(1.0, Double.parseDouble(value));
    }

    public static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * factor()));
    }

    /** Waits until {@code condition} holds; fails with {@code what} (evaluated at the end) after the deadline. */
    public static void await(Duration base, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + scaled(base).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + scaled(base) + ": " + what.get());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
