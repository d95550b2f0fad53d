package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.domain.topology.ClusterTarget;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.TopologySummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code heron list CLUSTER[/ROLE[/ENV]]}. */
@Command(name = "list", description = "List the topologies of a cluster, including stale ones left by failures.")
final class ListCommandLine extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER[/ROLE[/ENV]]")
    String cluster;

    ListCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String[] parts = cluster.split("/", -1);
        ListQuery query = new ListQuery(
                ClusterTarget.clusterName(cluster),
                parts.length > 1 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty(),
                parts.length > 2 && !parts[2].isEmpty() ? Optional.of(parts[2]) : Optional.empty());
        try (EgretClient client = open(cluster)) {
            List<TopologySummary> topologies = client.list(query);
            Printer printer = printer();
            if (printer.isJson()) {
                printer.json(topologies.stream()
                        .map(summary -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("topology", summary.name().value());
                            entry.put(
                                    "state",
                                    summary.executionState()
                                            .map(state -> state.state().name())
                                            .orElse(stateWithout(summary)));
                            entry.put(
                                    "target",
                                    summary.executionState()
                                            .map(state -> state.target().toString())
                                            .orElse(""));
                            entry.put("containers", summary.containers());
                            entry.put("damaged", summary.damaged());
                            entry.put("leftovers", summary.leftovers());
                            return entry;
                        })
                        .toList());
                return ExitCodes.SUCCESS;
            }
            if (topologies.isEmpty()) {
                printer.line("No topologies on " + cluster);
                return ExitCodes.SUCCESS;
            }
            printer.line(
                    String.format(Locale.ROOT, "%-30s %-11s %-30s %s", "TOPOLOGY", "STATE", "TARGET", "CONTAINERS"));
            for (TopologySummary summary : topologies) {
                printer.line(String.format(
                        Locale.ROOT,
                        "%-30s %-11s %-30s %d",
                        summary.name(),
                        summary.executionState()
                                .map(state -> state.state().name())
                                .orElse(stateWithout(summary)),
                        summary.executionState()
                                .map(state -> state.target().toString())
                                .orElse(targetWithout(summary)),
                        summary.containers()));
            }
            return ExitCodes.SUCCESS;
        }
    }

    /** What the STATE column says for a name without a readable execution state. */
    private static String stateWithout(TopologySummary summary) {
        if (!summary.damaged().isEmpty()) {
            return "DAMAGED";
        }
        return summary.leftovers().isEmpty() ? "STALE" : "LEFTOVER";
    }

    /** What the TARGET column says instead: what was found, and the command that cleans it. */
    private static String targetWithout(TopologySummary summary) {
        if (!summary.damaged().isEmpty()) {
            return "(damaged " + String.join(", ", summary.damaged()) + ": heron kill it)";
        }
        if (!summary.leftovers().isEmpty()) {
            return "(orphaned " + String.join(", ", summary.leftovers()) + ": heron kill it)";
        }
        return "(partial state: heron kill it)";
    }
}
