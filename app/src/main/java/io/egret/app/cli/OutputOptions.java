package io.egret.app.cli;

import picocli.CommandLine.Option;

/** How a command reports. */
public final class OutputOptions {
    /** Output formats. */
    public enum Format {
        TEXT,
        JSON
    }

    @Option(names = "--verbose", description = "Show progress of every step and the full cause of errors.")
    boolean verbose;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.", defaultValue = "text")
    Format output = Format.TEXT;

    @Option(names = "--verbose_gc", hidden = true, description = "Accepted for Heron compatibility; no effect.")
    boolean verboseGc;

    boolean json() {
        return output == Format.JSON;
    }
}
