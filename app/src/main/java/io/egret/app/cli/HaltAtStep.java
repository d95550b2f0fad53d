package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only fault hook: with the system property {@value #PROPERTY} set to {@code before:<step>} or
 * {@code after:<step>} (a step name as {@code --verbose} prints it, with '_' for each space because launcher
 * options are split at spaces, such as {@code after:upload_package}), the CLI
 * prints {@code halted before|after step '<step>'} on stderr when it gets there and then waits forever, so that a
 * test can SIGKILL it at exactly that point. Without the property (every real use) this adds nothing.
 */
final class HaltAtStep implements ProgressPort {
    static final String PROPERTY = "egret.test.halt-at-step";

    private final ProgressPort delegate;
    private final PrintStream err;
    private final boolean after;
    private final String step;

    private HaltAtStep(ProgressPort delegate, PrintStream err, boolean after, String step) {
        this.delegate = delegate;
        this.err = err;
        this.after = after;
        this.step = step;
    }

    /** {@code progress} itself unless the test property asks for a halt. */
    static ProgressPort wrap(ProgressPort progress, PrintStream err) {
        requireNonNull(progress, "progress is null");
        requireNonNull(err, "err is null");
        Optional<String> value =
                Optional.ofNullable(System.getProperty(PROPERTY)).filter(text -> !text.isBlank());
        if (value.isEmpty()) {
            return progress;
        }
        String text = value.get();
        if (text.startsWith("before:")) {
            return new HaltAtStep(
                    progress, err, false, text.substring("before:".length()).replace('_', ' '));
        }
        if (text.startsWith("after:")) {
            return new HaltAtStep(
                    progress, err, true, text.substring("after:".length()).replace('_', ' '));
        }
        throw new IllegalArgumentException(PROPERTY + " must be before:<step> or after:<step>, got '" + text + "'");
    }

    @Override
    public void report(ProgressEvent event) {
        delegate.report(event);
        if (!event.step().equals(step)) {
            return;
        }
        boolean here =
                after ? event.status() == ProgressEvent.Status.DONE : event.status() == ProgressEvent.Status.STARTED;
        if (here) {
            err.println("halted " + (after ? "after" : "before") + " step '" + step + "'");
            err.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
