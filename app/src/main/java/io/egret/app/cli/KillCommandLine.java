package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.KillResult;
import io.egret.ports.out.StateNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heron kill CLUSTER[/ROLE[/ENV]] TOPOLOGY}: returns once nothing runs and no state is left. */
@Command(name = "kill", description = "Kill a topology, wait until nothing of it runs, and delete its state.")
final class KillCommandLine extends TopologyNameCommand {
    @Option(names = "--dry-run", description = "Show what would be killed and removed; change nothing.")
    boolean dryRun;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long to wait for processes to end (default 60).")
    long timeoutSeconds = 60;

    KillCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        try (EgretClient client = open(cluster)) {
            KillResult result = client.kill(new KillCommand(
                    client.target(cluster, context.user()),
                    topologyName(),
                    dryRun,
                    Duration.ofSeconds(timeoutSeconds)));
            String records = result.removedState().stream()
                    .map(StateNode::directory)
                    .sorted()
                    .collect(Collectors.joining(", "));
            List<String> removed = new ArrayList<>();
            if (!records.isEmpty()) {
                removed.add(records);
            }
            int packages = result.removedPackages().size();
            if (packages > 0) {
                removed.add(packages + " uploaded package" + (packages == 1 ? "" : "s"));
            }
            if (result.removedLeftovers()) {
                removed.add("leftover locks");
            }
            String text = (result.dryRun() ? "Dry run: would kill topology '" : "Killed topology '") + topology + "'"
                    + (removed.isEmpty()
                            ? ""
                            : (result.dryRun() ? "; would remove " : "; removed ") + String.join(", ", removed))
                    + (result.stale() ? " (stale state from an earlier failure was cleaned)" : "");
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("topology", topology);
            document.put(
                    "removedState",
                    result.removedState().stream()
                            .map(StateNode::directory)
                            .sorted()
                            .toList());
            document.put(
                    "removedPackages",
                    result.removedPackages().stream().map(Object::toString).toList());
            document.put("removedLeftovers", result.removedLeftovers());
            document.put("stale", result.stale());
            document.put("dryRun", result.dryRun());
            if (result.dryRun()) {
                document.put("schedulerCommands", result.schedulerCommands());
            }
            Printer printer = printer();
            printer.result(text, document);
            printer.schedulerCommands(result.schedulerCommands());
            if (!result.dryRun()) {
                printer.heronResult("killed", topology);
            }
            return ExitCodes.SUCCESS;
        }
    }
}
