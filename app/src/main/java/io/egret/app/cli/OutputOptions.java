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

    /** Read by {@code bin/heron}, which starts the JVM with its GC log on stderr; declared here to be accepted. */
    @Option(
            names = "--verbose_gc",
            description = "Log the garbage collections of the JVM running this command to stderr (Heron's flag).")
    boolean verboseGc;

    boolean json() {
        return output == Format.JSON;
    }
}
