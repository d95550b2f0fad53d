package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.in.TopologyStatus;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.ContainerStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code heron status CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
@Command(name = "status", description = "Show a topology's state, containers and per-component tuple counts.")
final class StatusCommandLine extends TopologyNameCommand {
    StatusCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        try (EgretClient client = open(cluster)) {
            TopologyStatus status =
                    client.status(new TopologyCommand(client.target(cluster, context.user()), topologyName(), false));
            Printer printer = printer();
            if (printer.isJson()) {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("topology", topology);
                document.put("executionState", status.executionState());
                document.put("containers", status.containers());
                document.put("runtime", status.runtime().orElse(null));
                document.put("problems", status.problems());
                printer.json(document);
                return ExitCodes.SUCCESS;
            }
            printer.line(
                    "Topology:   " + topology + " (" + status.executionState().id() + ")");
            printer.line("Target:     " + status.executionState().target());
            printer.line("State:      " + status.executionState().state()
                    + status.executionState()
                            .update()
                            .map(update -> " (updating since " + update.startedAt() + ")")
                            .orElse(""));
            printer.line("Submitted:  " + status.executionState().submittedAt() + " by "
                    + status.executionState().submitUser());
            printer.line("Containers:");
            for (ContainerStatus container : status.containers()) {
                boolean alive = status.runtime()
                        .map(runtime -> runtime.containersAlive().getOrDefault(container.containerId(), false))
                        .orElse(false);
                printer.line(String.format(
                        Locale.ROOT,
                        "  %-4d %-9s restarts=%d%s%s",
                        container.containerId(),
                        container.phase(),
                        container.restarts(),
                        container.containerId() == 0 ? "" : alive ? "  registered" : "  not registered",
                        container.detail().isEmpty() ? "" : "  " + container.detail()));
            }
            status.runtime().ifPresent(runtime -> {
                printer.line("Components (as seen by the topology master, state " + runtime.state() + "):");
                for (ComponentStatistics component : runtime.components()) {
                    // Loss is shown, not hidden: failed and dropped tuples, replays and the author's exceptions.
                    printer.line(String.format(
                            Locale.ROOT,
                            "  %-20s instances=%-4d emitted=%-12d executed=%-12d acked=%-12d failed=%-8d replayed=%-8d"
                                    + " dropped=%-8d failures=%d",
                            component.component(),
                            component.instances(),
                            component.emitted(),
                            component.executed(),
                            component.acked(),
                            component.failed(),
                            component.replayed(),
                            component.dropped(),
                            component.failures()));
                }
            });
            for (String problem : status.problems()) {
                printer.line("Problem:    " + problem);
            }
            return ExitCodes.SUCCESS;
        }
    }
}
