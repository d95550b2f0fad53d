package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import picocli.CommandLine.Command;

/** {@code heron deactivate CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
@Command(name = "deactivate", description = "Pause a topology's spouts; its processes keep running.")
final class DeactivateCommandLine extends ActivationCommandLine {
    DeactivateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    LifecycleResult change(EgretClient client, TopologyCommand command) {
        return client.deactivate(command);
    }

    @Override
    String pastTense() {
        return "deactivated";
    }
}
