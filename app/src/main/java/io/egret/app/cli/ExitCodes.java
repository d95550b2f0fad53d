package io.egret.app.cli;

/**
 * The CLI's exit codes: a documented, stable table so that scripts can tell "not found" from "failed".
 *
 * <pre>
 *   0  success (also a dry run that printed its plan)
 *   1  internal error (a bug, or an unexpected failure of a component)
 *   2  user error (bad arguments, bad configuration, a plan that does not fit)
 *   3  not found (no such topology, cluster or container)
 *   4  conflict (already exists, wrong lifecycle state, lock held)
 *   5  unreachable (state store, scheduler, topology master or storage did not answer in time)
 * </pre>
 */
public final class ExitCodes {
    public static final int SUCCESS = 0;

    /** The table as shown at the end of {@code heron --help} (picocli format: %n is a line break). */
    public static final String TABLE_FOR_HELP = "Exit codes:%n"
            + "  0  success (a dry run that printed its plan, too)%n"
            + "  1  internal error%n"
            + "  2  user error: arguments, configuration, a plan that does not fit%n"
            + "  3  not found: topology, cluster or container%n"
            + "  4  conflict: already exists, wrong state, lock held%n"
            + "  5  unreachable: state store, scheduler or topology master";

    private ExitCodes() {}
}
