package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs the steps of one lifecycle operation: reports each step's progress, remembers how to undo each step that
 * changed something, and on failure undoes them in reverse order before turning the failure into one
 * {@link EgretException} with a single actionable line.
 *
 * <p>Not thread-safe: one instance per operation call.
 */
final class Saga {
    private final String operation;
    private String subject;
    private final ProgressPort progress;
    private final Clock clock;
    private final Deque<Compensation> compensations = new ArrayDeque<>();
    private Optional<String> failedStep = Optional.empty();
    private String cleanupHint = "";
    private String advice = "";

    /**
     * @param operation what is being done, e.g. {@code submit}, as it appears in progress events
     * @param subject what it is done to, e.g. {@code topology 'wordcount'}, as it appears in messages
     */
    Saga(String operation, String subject, ProgressPort progress, Clock clock) {
        this.operation = requireNonNull(operation, "operation is null");
        this.subject = requireNonNull(subject, "subject is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Names what the operation is done to, once it is known (submit learns the name from the definition). */
    void subject(String newSubject) {
        subject = requireNonNull(newSubject, "newSubject is null");
    }

    /** What the operator should run when an undo fails and something is left behind. */
    void cleanupHint(String newCleanupHint) {
        cleanupHint = requireNonNull(newCleanupHint, "newCleanupHint is null");
    }

    /** Runs one step and reports it; a failure is reported and rethrown unchanged. */
    <T> T step(String step, Supplier<T> action) {
        Instant start = clock.instant();
        progress.report(new ProgressEvent(operation, step, ProgressEvent.Status.STARTED, "", Duration.ZERO));
        T result;
        try {
            result = action.get();
        } catch (RuntimeException failure) {
            failedStep = Optional.of(step);
            report(step, ProgressEvent.Status.FAILED, oneLine(failure), start);
            throw failure;
        }
        report(step, ProgressEvent.Status.DONE, "", start);
        return result;
    }

    /** Runs one step that returns nothing. */
    void step(String step, Runnable action) {
        step(step, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Registers how to undo a step. Undo actions run in reverse order of registration.
     *
     * @param leftover what stays behind if the undo action itself fails, e.g. {@code the state records}
     */
    void onFailure(String step, String leftover, Runnable undo) {
        compensations.push(new Compensation(step, leftover, undo));
    }

    /**
     * What the operator should do next when the operation fails from here on, even when every undo succeeds; empty
     * for nothing.
     */
    void advice(String newAdvice) {
        advice = requireNonNull(newAdvice, "newAdvice is null");
    }

    /**
     * Undoes every registered step in reverse order, continuing past undo failures, and returns the exception the
     * operation should throw: the failure's error code (INTERNAL for an unexpected exception), a one-line message
     * that says which step failed and what may be left behind, the failure as cause and every undo failure as
     * suppressed. The message ends with the {@linkplain #advice(String) advice}, if any.
     */
    EgretException rollBack(RuntimeException failure) {
        List<String> leftovers = new ArrayList<>();
        List<RuntimeException> undoFailures = new ArrayList<>();
        while (!compensations.isEmpty()) {
            Compensation compensation = compensations.pop();
            Instant start = clock.instant();
            try {
                compensation.undo().run();
            } catch (RuntimeException undoFailure) {
                // Keep undoing the other steps: each one left in place is one more thing the operator must clean.
                undoFailures.add(undoFailure);
                leftovers.add(compensation.leftover());
                report(compensation.step(), ProgressEvent.Status.FAILED, "undo failed: " + oneLine(undoFailure), start);
                continue;
            }
            report(compensation.step(), ProgressEvent.Status.UNDONE, "", start);
        }
        if (failedStep.isEmpty() && undoFailures.isEmpty() && failure instanceof EgretException egretFailure) {
            // Refused before any step ran: the refusal already is the actionable line.
            return egretFailure;
        }
        StringBuilder message =
                new StringBuilder(operation).append(" of ").append(subject).append(" failed");
        failedStep.ifPresent(step -> message.append(" at '").append(step).append('\''));
        message.append(": ").append(oneLine(failure));
        if (!leftovers.isEmpty()) {
            message.append("; cleanup incomplete, left behind: ").append(String.join(", ", leftovers));
            if (!cleanupHint.isEmpty()) {
                message.append("; ").append(cleanupHint);
            }
        }
        if (!advice.isEmpty()) {
            message.append("; ").append(advice);
        }
        EgretException result = new EgretException(codeOf(failure), message.toString(), failure);
        undoFailures.forEach(result::addSuppressed);
        return result;
    }

    /** The error code a failure crosses the application boundary with. */
    static ErrorCode codeOf(RuntimeException failure) {
        if (failure instanceof EgretException egretFailure) {
            return egretFailure.code();
        }
        return ErrorCode.INTERNAL;
    }

    /** A failure's message on one line; unexpected exceptions also name their type, which is all there is. */
    static String oneLine(RuntimeException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String flattened = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        if (failure instanceof EgretException) {
            return flattened;
        }
        String type = failure.getClass().getName();
        return flattened.isEmpty() ? "unexpected " + type : "unexpected " + type + ": " + flattened;
    }

    /** Wraps anything but an {@link EgretException} as INTERNAL, keeping it as the cause. */
    static EgretException wrap(String context, RuntimeException failure) {
        if (failure instanceof EgretException egretFailure) {
            return egretFailure;
        }
        return EgretException.internal(context + ": " + oneLine(failure), failure);
    }

    private void report(String step, ProgressEvent.Status status, String detail, Instant start) {
        Duration elapsed = Duration.between(start, clock.instant());
        progress.report(
                new ProgressEvent(operation, step, status, detail, elapsed.isNegative() ? Duration.ZERO : elapsed));
    }

    private record Compensation(String step, String leftover, Runnable undo) {}
}
