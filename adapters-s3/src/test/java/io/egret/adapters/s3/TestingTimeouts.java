package io.egret.adapters.s3;

import java.time.Duration;

/** Test deadlines scaled by {@code egret.test.timeout.factor} (default 1), for loaded machines. */
public final class TestingTimeouts {
    private TestingTimeouts() {}

    public static Duration scaled(Duration deadline) {
        double factor = Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
        return Duration.ofMillis((long) (deadline.toMillis() * Math.max(1.0, factor)));
    }
}
