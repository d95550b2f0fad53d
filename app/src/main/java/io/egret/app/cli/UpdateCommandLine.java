package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.domain.error.EgretException;
import io.egret.domain.packing.PlanDiff;
import io.egret.ports.in.UpdateCommand;
import io.egret.ports.in.UpdateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heron update CLUSTER[/ROLE[/ENV]] TOPOLOGY --component-parallelism NAME:N [--container-number N]}. */
@Command(name = "update", description = "Change component parallelism or the container count of a running topology.")
final class UpdateCommandLine extends TopologyNameCommand {
    private static final Pattern PARALLELISM = Pattern.compile("([\\w.-]+):(\\d+)");

    @Option(
            names = "--component-parallelism",
            paramLabel = "NAME:N",
            description = "New parallelism of a component (repeatable).")
    List<String> componentParallelism = new ArrayList<>();

    @Option(names = "--container-number", paramLabel = "N", description = "New number of containers.")
    Integer containerNumber;

    @Option(
            names = "--runtime-config",
            paramLabel = "[COMPONENT:]NAME:VALUE",
            description = "Not supported by Egret yet; refused with an error.")
    List<String> runtimeConfig = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show the old and new plan; change nothing.")
    boolean dryRun;

    @Option(names = "--dry-run-format", paramLabel = "FORMAT", description = "raw, table (default) or json.")
    DryRunFormat dryRunFormat = DryRunFormat.TABLE;

    UpdateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (!runtimeConfig.isEmpty()) {
            throw EgretException.userError("--runtime-config is not supported by Egret yet; change component "
                    + "parallelism or the container count, or resubmit with new topology config");
        }
        Map<String, Integer> parallelism = parseParallelism(componentParallelism);
        if (parallelism.isEmpty() && containerNumber == null) {
            throw EgretException.userError(
                    "nothing to update: give --component-parallelism NAME:N and/or --container-number N");
        }
        if (containerNumber != null && containerNumber < 1) {
            throw EgretException.userError("--container-number must be at least 1, got " + containerNumber);
        }
        OptionalInt containers = containerNumber == null ? OptionalInt.empty() : OptionalInt.of(containerNumber);
        try (EgretClient client = open(cluster)) {
            UpdateResult result = client.update(new UpdateCommand(
                    client.target(cluster, context.user()), topologyName(), parallelism, containers, dryRun));
            Printer printer = printer();
            if (result.dryRun()) {
                DryRunFormat format = printer.isJson() ? DryRunFormat.JSON : dryRunFormat;
                PlanDiff diff = PlanDiff.between(result.oldPlan(), result.newPlan());
                if (format == DryRunFormat.JSON) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("diff", diff.containers());
                    document.put("newPlan", Printer.planJson(topology, result.newPlan()));
                    document.put("oldPlan", Printer.planJson(topology, result.oldPlan()));
                    printer.json(document);
                    return ExitCodes.SUCCESS;
                }
                printer.diff(result.newPlan().algorithm(), diff);
                printer.line("");
                printer.line("New packing plan:");
                printer.plan(topology, result.newPlan(), format);
                printer.line("");
                printer.line("Old packing plan:");
                printer.plan(topology, result.oldPlan(), format);
                return ExitCodes.SUCCESS;
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("topology", topology);
            document.put("containers", result.newPlan().containers().size());
            document.put("parallelism", result.newPlan().componentCounts());
            printer.result(
                    "Updated topology '" + topology + "': "
                            + result.oldPlan().containers().size() + " -> "
                            + result.newPlan().containers().size() + " containers, parallelism "
                            + result.newPlan().componentCounts(),
                    document);
            return ExitCodes.SUCCESS;
        }
    }

    static Map<String, Integer> parseParallelism(List<String> values) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                Matcher matcher = PARALLELISM.matcher(item.trim());
                if (!matcher.matches()) {
                    throw EgretException.userError(
                            "--component-parallelism '" + item + "' must look like NAME:N, e.g. word:4");
                }
                int parallelism;
                try {
                    parallelism = Integer.parseInt(matcher.group(2));
                } catch (NumberFormatException e) {
                    throw EgretException.userError("--component-parallelism '" + item + "': " + matcher.group(2)
                            + " is not a valid parallelism");
                }
                if (parallelism < 1) {
                    throw EgretException.userError("--component-parallelism '" + item + "' must be at least 1");
                }
                if (parsed.put(matcher.group(1), parallelism) != null) {
                    throw EgretException.userError(
                            "--component-parallelism names component '" + matcher.group(1) + "' twice");
                }
            }
        }
        return parsed;
    }
}
