package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import picocli.CommandLine.Command;

/** {@code heron activate CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
@Command(name = "activate", description = "Make a deactivated topology's spouts emit again.")
final class ActivateCommandLine extends ActivationCommandLine {
    ActivateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    LifecycleResult change(EgretClient client, TopologyCommand command) {
        return client.activate(command);
    }

    @Override
    String pastTense() {
        return "activated";
    }
}
