package io.egret.adapters.ssh.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling, within a deadline scaled by {@link TestTimeouts}. */
public final class Conditions {
    private Conditions() {}

    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + TestTimeouts.scaled(deadline).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
