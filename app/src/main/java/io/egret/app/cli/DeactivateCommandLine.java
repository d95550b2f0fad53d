package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heron deactivate CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
@Command(name = "deactivate", description = "Pause a topology's spouts; its processes keep running.")
final class DeactivateCommandLine extends TopologyNameCommand {
    @Option(names = "--dry-run", description = "Check that the topology can be deactivated; change nothing.")
    boolean dryRun;

    DeactivateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        try (EgretClient client = open(cluster)) {
            LifecycleResult result = client.deactivate(
                    new TopologyCommand(client.target(cluster, context.user()), topologyName(), dryRun));
            String text = result.dryRun()
                    ? "Dry run: topology '" + topology + "' can be deactivated (now "
                            + result.executionState().state() + ")"
                    : result.changed()
                            ? "Topology '" + topology + "' deactivated"
                            : "Topology '" + topology + "' was already deactivated";
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
