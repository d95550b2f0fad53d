package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Exponential backoff: {@code initial} doubled per step in a row, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait before attempt {@code step} (1 for the first retry). */
    public Duration delay(int step) {
        if (step <= 1) {
            return initial;
        }
        Duration delay = initial;
        for (int i = 1; i < step && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
