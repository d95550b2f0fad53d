package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress lines on stderr: every step under {@code --verbose}; otherwise only steps that took longer than a
 * second, compensations (what was undone after a failure) and how far long transfers got, so a fast command
 * stays quiet and a slow one is never silent. A failed step is not repeated here: the command's one-line error says it.
 */
final class TerminalProgress implements ProgressPort {
    private static final Duration SLOW = Duration.ofSeconds(1);

    private final PrintStream err;
    private final boolean verbose;

    TerminalProgress(PrintStream err, boolean verbose) {
        this.err = requireNonNull(err, "err is null");
        this.verbose = verbose;
    }

    @Override
    public void report(ProgressEvent event) {
        boolean show = verbose
                || event.status() == ProgressEvent.Status.UNDONE
                || event.status() == ProgressEvent.Status.ADVANCED
                || (event.status() == ProgressEvent.Status.DONE
                        && event.elapsed().compareTo(SLOW) > 0);
        if (!show) {
            return;
        }
        String detail = event.detail().isEmpty() ? "" : ": " + event.detail();
        String elapsed = event.status() == ProgressEvent.Status.STARTED
                ? ""
                : String.format(
                        java.util.Locale.ROOT, " (%.1f s)", event.elapsed().toMillis() / 1000.0);
        err.println("[" + event.operation() + "] " + event.step() + " "
                + event.status().name().toLowerCase(java.util.Locale.ROOT) + detail + elapsed);
    }
}
