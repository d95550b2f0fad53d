package io.egret.adapters.zookeeper.curator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.RetryPolicy;
import org.apache.curator.RetrySleeper;

/**
 * Retries an operation after a lost connection at most {@code retryCount} times, {@code interval} apart, and never
 * past {@code budget} since the operation began: an operation on an unreachable quorum fails within the
 * configured connection timeout instead of after Curator's exponential back-off (minutes with Heron's defaults).
 */
final class BoundedRetry implements RetryPolicy {
    private final int retryCount;
    private final long intervalMillis;
    private final long budgetMillis;

    BoundedRetry(int retryCount, Duration interval, Duration budget) {
        this.retryCount = retryCount;
        this.intervalMillis = interval.toMillis();
        this.budgetMillis = budget.toMillis();
    }

    @Override
    public boolean allowRetry(int retriesSoFar, long elapsedTimeMs, RetrySleeper sleeper) {
        if (retriesSoFar >= retryCount || elapsedTimeMs + intervalMillis >= budgetMillis) {
            return false;
        }
        try {
            sleeper.sleepFor(intervalMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
