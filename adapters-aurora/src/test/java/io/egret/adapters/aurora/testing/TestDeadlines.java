package io.egret.adapters.aurora.testing;

import java.time.Duration;

/** Test deadlines scaled by {@code egret.test.timeout.factor} (default 1), so a loaded machine slows, not fails. */
public final class TestDeadlines {
    private TestDeadlines() {}

    public static double factor() {
        return Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
    }

    public static Duration scaled(Duration deadline) {
        return Duration.ofMillis((long) (deadline.toMillis() * factor()));
    }
}
