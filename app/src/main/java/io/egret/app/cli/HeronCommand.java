package io.egret.app.cli;

import picocli.CommandLine.Command;

/** The top-level {@code heron} command. */
@Command(
        name = "heron",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description =
                "Deploys and manages stream-processing topologies on Aurora, Mesos, Marathon and a local cluster.",
        subcommands = {
            SubmitCommandLine.class,
            ActivateCommandLine.class,
            DeactivateCommandLine.class,
            KillCommandLine.class,
            RestartCommandLine.class,
            UpdateCommandLine.class,
            StatusCommandLine.class,
            ListCommandLine.class,
            VersionCommand.class,
            ConfigCommandLine.class,
            picocli.CommandLine.HelpCommand.class
        },
        footer = {"", "%nSee 'heron COMMAND --help' for a command's arguments.%n", ExitCodes.TABLE_FOR_HELP})
public final class HeronCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // Heron prints help when called without a command, and so do we; it is not an error.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
