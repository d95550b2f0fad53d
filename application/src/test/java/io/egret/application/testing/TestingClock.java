package io.egret.application.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves on by a fixed tick each time it is read, so waiting loops reach their deadline quickly. */
public final class TestingClock extends Clock {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private Instant now = START;
    private Duration tick = Duration.ofSeconds(1);

    @Override
    public synchronized Instant instant() {
        Instant current = now;
        now = now.plus(tick);
        return current;
    }

    public synchronized void tick(Duration newTick) {
        tick = newTick;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the testing clock is always UTC");
    }
}
