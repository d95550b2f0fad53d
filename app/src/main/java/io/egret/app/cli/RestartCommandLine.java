package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.RestartCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code heron restart CLUSTER[/ROLE[/ENV]] TOPOLOGY [CONTAINER]}. */
@Command(name = "restart", description = "Restart one container, or the whole topology.")
final class RestartCommandLine extends TopologyNameCommand {
    @Parameters(
            index = "2",
            arity = "0..1",
            paramLabel = "CONTAINER",
            description = "Container id (0 is the topology master); all containers when omitted or -1.")
    Integer container;

    @Option(names = "--dry-run", description = "Check that the restart is possible; change nothing.")
    boolean dryRun;

    RestartCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        OptionalInt containerId =
                container == null || container == -1 ? OptionalInt.empty() : OptionalInt.of(container);
        try (EgretClient client = open(cluster)) {
            LifecycleResult result = client.restart(
                    new RestartCommand(client.target(cluster, context.user()), topologyName(), containerId, dryRun));
            String what = containerId.isPresent()
                    ? "container " + containerId.getAsInt() + " of topology '" + topology + "'"
                    : "topology '" + topology + "'";
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("topology", topology);
            document.put("container", containerId.isPresent() ? containerId.getAsInt() : -1);
            document.put("dryRun", result.dryRun());
            if (result.dryRun()) {
                document.put("schedulerCommands", result.schedulerCommands());
            }
            Printer printer = printer();
            printer.result((result.dryRun() ? "Dry run: can restart " : "Restarted ") + what, document);
            printer.schedulerCommands(result.schedulerCommands());
            if (!result.dryRun()) {
                printer.heronResult("restarted", topology);
            }
            return ExitCodes.SUCCESS;
        }
    }
}
