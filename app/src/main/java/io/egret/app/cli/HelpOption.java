package io.egret.app.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command: that command's help on stdout, exit 0. */
public final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this command's help and exit.")
    boolean help;
}
