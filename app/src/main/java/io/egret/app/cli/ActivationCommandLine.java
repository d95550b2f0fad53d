package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code activate} and {@code deactivate}: the same command in two directions. */
abstract class ActivationCommandLine extends TopologyNameCommand {
    @Option(names = "--dry-run", description = "Check that the change is possible; change nothing.")
    boolean dryRun;

    ActivationCommandLine(CliContext context) {
        super(context);
    }

    /** The use case's call. */
    abstract LifecycleResult change(EgretClient client, TopologyCommand command);

    /** {@code activated} or {@code deactivated}, for messages. */
    abstract String pastTense();

    @Override
    public Integer call() {
        try (EgretClient client = open(cluster)) {
            LifecycleResult result =
                    change(client, new TopologyCommand(client.target(cluster, context.user()), topologyName(), dryRun));
            String text = result.dryRun()
                    ? "Dry run: topology '" + topology + "' can be " + pastTense() + " (now "
                            + result.executionState().state() + ")"
                    : result.changed()
                            ? "Topology '" + topology + "' " + pastTense()
                            : "Topology '" + topology + "' was already " + pastTense();
            Printer printer = printer();
            printer.result(
                    text,
                    Map.of(
                            "topology", topology,
                            "state", result.executionState().state().name(),
                            "changed", result.changed(),
                            "dryRun", result.dryRun()));
            if (!result.dryRun()) {
                printer.heronResult(pastTense(), topology);
            }
            return ExitCodes.SUCCESS;
        }
    }
}
