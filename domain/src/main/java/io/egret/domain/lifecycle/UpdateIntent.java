package io.egret.domain.lifecycle;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A recorded update in progress: what was asked and from which state, so that a crashed update can be finished
 * or compensated by whoever finds it.
 */
public record UpdateIntent(
        Map<String, Integer> parallelism, OptionalInt containers, TopologyState resumeState, Instant startedAt) {
    public UpdateIntent {
        parallelism = Map.copyOf(requireNonNull(parallelism, "parallelism is null"));
        requireNonNull(containers, "containers is null");
        requireNonNull(resumeState, "resumeState is null");
        requireNonNull(startedAt, "startedAt is null");
        if (resumeState != TopologyState.RUNNING && resumeState != TopologyState.PAUSED) {
            throw new IllegalArgumentException("an update resumes to RUNNING or PAUSED, not " + resumeState);
        }
    }
}
