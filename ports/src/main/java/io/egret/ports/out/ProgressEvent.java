package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One step of a lifecycle operation, reported as it starts and ends so that slow steps show up as progress
 * lines and every step appears in JSON output.
 */
public record ProgressEvent(String operation, String step, Status status, String detail, Duration elapsed) {
    public ProgressEvent {
        requireNonNull(operation, "operation is null");
        requireNonNull(step, "step is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    /** Where the step is. */
    public enum Status {
        STARTED,
        DONE,
        FAILED,
        UNDONE,
        /** A long step moved on (bytes sent, say); the detail says how far. */
        ADVANCED
    }
}
