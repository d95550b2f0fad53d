package io.egret.domain.error;

/**
 * What kind of failure happened, and the process exit code the CLI reports for it. The table is part of
 * Egret's scripting contract: a kill-then-submit script can tell "not found" from "failed".
 */
public enum ErrorCode {
    /** Bad input: arguments, configuration, topology definition, a plan that does not fit. */
    USER_ERROR(2),
    /** The named topology (or another named thing) does not exist. */
    NOT_FOUND(3),
    /** The operation conflicts with the current state: already exists, wrong lifecycle state, lock held. */
    CONFLICT(4),
    /** A remote system (state store, scheduler, topology master, storage) could not be reached in time. */
    UNREACHABLE(5),
    /** A bug or an unexpected failure inside Egret or a component it runs. */
    INTERNAL(1);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
