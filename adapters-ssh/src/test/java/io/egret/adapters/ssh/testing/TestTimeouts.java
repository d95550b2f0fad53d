package io.egret.adapters.ssh.testing;

import java.time.Duration;

/** Test deadlines, scaled by {@code egret.test.timeout.factor} (default 1) for slow or loaded machines. */
public final class TestTimeouts {
    private TestTimeouts() {}

    public static double factor() {
        double factor = Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
        return factor > 0 ? factor : 1;
    }

    public static Duration scaled(Duration deadline) {
        return Duration.ofMillis(Math.round(deadline.toMillis() * factor()));
    }
}
