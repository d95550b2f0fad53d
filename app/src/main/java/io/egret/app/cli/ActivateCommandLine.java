package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heron activate CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
@Command(name = "activate", description = "Make a deactivated topology's spouts emit again.")
final class ActivateCommandLine extends TopologyNameCommand {
    @Option(names = "--dry-run", description = "Check that the topology can be activated; change nothing.")
    boolean dryRun;

    ActivateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        try (EgretClient client = open(cluster)) {
            LifecycleResult result = client.activate(
                    new TopologyCommand(client.target(cluster, context.user()), topologyName(), dryRun));
            String text = result.dryRun()
                    ? "Dry run: topology '" + topology + "' can be activated (now "
                            + result.executionState().state() + ")"
                    : result.changed()
                            ? "Topology '" + topology + "' activated"
                            : "Topology '" + topology + "' was already activated";
            printer()
                    .result(
                            text,
                            Map.of(
                                    "topology",
                                    topology,
                                    "state",
                                    result.executionState().state().name(),
                                    "changed",
                                    result.changed(),
                                    "dryRun",
                                    result.dryRun()));
            return ExitCodes.SUCCESS;
        }
    }
}
