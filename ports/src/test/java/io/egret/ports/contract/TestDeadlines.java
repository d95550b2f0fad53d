package io.egret.ports.contract;

import java.time.Duration;

/**
 * Test deadlines scaled by {@code egret.test.timeout.factor} (default 1), so a loaded machine gets more time
 * instead of failing tests that wait for a condition.
 */
public final class TestDeadlines {
    private TestDeadlines() {}

    public static double factor() {
        String value = System.getProperty("egret.test.timeout.factor", "1");
        try {
            double factor = Double.parseDouble(value);
            return factor > 0 ? factor : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public static Duration scaled(Duration duration) {
        return Duration.ofNanos((long) (duration.toNanos() * factor()));
    }

    /** Waits until the condition holds or the scaled deadline passes; returns whether it held. */
    public static boolean await(Duration deadline, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + scaled(deadline).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return condition.getAsBoolean();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
