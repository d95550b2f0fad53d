package io.egret.adapters.aurora.client;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code aurora} client's exit codes (Aurora 0.22, {@code client/cli/__init__.py}) as Egret errors: what
 * went wrong in words, the exit code, the command, and the end of the client's output.
 */
public final class AuroraFailures {
    private static final int TAIL_LINES = 6;

    private AuroraFailures() {}

    /**
     * @param doing what the command was for ("create the Aurora job www/prod/wordcount")
     */
    public static EgretException of(String doing, AuroraClient.Outcome outcome) {
        ErrorCode code;
        String meaning;
        switch (outcome.exitCode()) {
            case 3 -> {
                code = ErrorCode.USER_ERROR;
                meaning = "Aurora refused the job file as an invalid configuration";
            }
            case 4 -> {
                boolean exists = outcome.output().contains("already exists");
                code = exists ? ErrorCode.CONFLICT : ErrorCode.USER_ERROR;
                meaning = exists ? "the Aurora job already exists" : "the Aurora scheduler refused the command";
            }
            case 5, 6 -> {
                code = ErrorCode.USER_ERROR;
                meaning = "the aurora client refused the command or its parameters";
            }
            case 7 -> {
                code = ErrorCode.UNREACHABLE;
                meaning = "network error: the Aurora scheduler could not be reached (check the cluster in"
                        + " clusters.json and the network)";
            }
            case 9 -> {
                code = ErrorCode.UNREACHABLE;
                meaning = "the Aurora scheduler timed out";
            }
            case 10 -> {
                code = ErrorCode.INTERNAL;
                meaning = "the Aurora scheduler answered with an API error";
            }
            case 30 -> {
                code = ErrorCode.USER_ERROR;
                meaning = "authentication with the Aurora scheduler failed (check your credentials)";
            }
            case 130 -> {
                code = ErrorCode.INTERNAL;
                meaning = "the aurora client was interrupted";
            }
            default -> {
                code = ErrorCode.INTERNAL;
                meaning = "the aurora client failed";
            }
        }
        return new EgretException(
                code,
                "cannot " + doing + ": " + meaning + " (exit " + outcome.exitCode() + " from '"
                        + String.join(" ", outcome.argv()) + "')" + tail(outcome.output()),
                null);
    }

    /** The last non-empty lines of the client's output, on one line. */
    static String tail(String output) {
        List<String> lines = Arrays.stream(output.split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            return "";
        }
        return "; it said: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
