package io.egret.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every deadline a test waits for, scaled by one setting. The system property {@value #FACTOR_PROPERTY} (Surefire
 * sets it from the environment variable {@value #FACTOR_ENVIRONMENT}, default 1) multiplies each deadline, so a
 * loaded or slow machine needs one change, not a hunt through the tests. Waits poll a condition; none sleeps for a
 * fixed time and then hopes.
 */
public final class TestTime {

    public static final String FACTOR_PROPERTY = "egret.test.timeout.factor";
    public static final String FACTOR_ENVIRONMENT = "EGRET_TEST_TIMEOUT_FACTOR";

    private static final Duration POLL = Duration.ofMillis(50);

    private TestTime() {}

    /** The factor: the system property, else the environment variable, else 1. */
    public static double factor() {
        String value = System.getProperty(FACTOR_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(FACTOR_ENVIRONMENT);
        }
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        try {
            double factor = Double.parseDouble(value.trim());
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException(FACTOR_PROPERTY + " must be a positive number, got " + value);
            }
            return factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FACTOR_PROPERTY + " must be a positive number, got " + value, e);
        }
    }

    /** {@code base} multiplied by the factor. */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos((long) (base.toNanos() * factor()));
    }

    /** {@code seconds} multiplied by the factor, rounded up, for command-line flags such as {@code --timeout}. */
    public static long scaledSeconds(long seconds) {
        return (long) Math.ceil(seconds * factor());
    }

    /** Waits until {@code condition} holds, at most {@code base} scaled; fails naming {@code what} otherwise. */
    public static void await(String what, Duration base, BooleanSupplier condition) throws InterruptedException {
        awaitValue(what, base, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits until {@code probe} gives a value, at most {@code base} scaled, and returns it. */
    public static <T> T awaitValue(String what, Duration base, Supplier<Optional<T>> probe)
            throws InterruptedException {
        Duration limit = scaled(base);
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not reached within " + limit.toMillis() + " ms (base " + base + " × "
                        + FACTOR_PROPERTY + " " + factor() + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
