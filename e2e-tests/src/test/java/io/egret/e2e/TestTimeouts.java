package io.egret.e2e;

import java.time.Duration;

/**
 * Every deadline of these tests, scaled by the system property {@code egret.test.timeout.factor} (default 1), so
 * that a loaded machine gets more time instead of failures.
 */
final class TestTimeouts {
    private TestTimeouts() {}

    static Duration scaled(Duration deadline) {
        return Duration.ofMillis(Math.round(deadline.toMillis() * factor()));
    }

    static double factor() {
        String value = System.getProperty("egret.test.timeout.factor", "1");
        try {
            double factor = Double.parseDouble(value);
            return factor > 0 ? factor : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
