package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.domain.error.EgretException;
import io.egret.domain.packing.PlanDiff;
import io.egret.domain.topology.RuntimeConfigChange;
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

/**
 * {@code heron update CLUSTER[/ROLE[/ENV]] TOPOLOGY --component-parallelism NAME:N [--container-number N]}, or
 * {@code heron update CLUSTER[/ROLE[/ENV]] TOPOLOGY --runtime-config [COMPONENT:]NAME:VALUE}.
 */
@Command(
        name = "update",
        description = "Change component parallelism or the container count of a running topology, or change its"
                + " config while it runs (--runtime-config).")
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
            description = "Config to change while the topology runs, for the whole topology (NAME:VALUE) or one"
                    + " component (COMPONENT:NAME:VALUE); repeatable. Cannot be combined with"
                    + " --component-parallelism or --container-number.")
    List<String> runtimeConfig = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show the old and new plan (or the config changes); change nothing.")
    boolean dryRun;

    @Option(names = "--dry-run-format", paramLabel = "FORMAT", description = "raw, table (default) or json.")
    DryRunFormat dryRunFormat = DryRunFormat.TABLE;

    UpdateCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (!runtimeConfig.isEmpty()) {
            if (!componentParallelism.isEmpty() || containerNumber != null) {
                throw EgretException.userError(
                        "parallelism or container number and runtime config can not be updated at the same time");
            }
            return updateRuntimeConfig(parseRuntimeConfig(runtimeConfig));
        }
        Map<String, Integer> parallelism = parseParallelism(componentParallelism);
        if (parallelism.isEmpty() && containerNumber == null) {
            throw EgretException.userError("nothing to update: give --component-parallelism NAME:N and/or"
                    + " --container-number N, or --runtime-config [COMPONENT:]NAME:VALUE");
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
                    document.put("schedulerCommands", result.schedulerCommands());
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
                if (!result.schedulerCommands().isEmpty()) {
                    printer.line("");
                }
                printer.schedulerCommands(result.schedulerCommands());
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
            printer.heronResult("updated", topology);
            return ExitCodes.SUCCESS;
        }
    }

    private int updateRuntimeConfig(List<RuntimeConfigChange> changes) {
        try (EgretClient client = open(cluster)) {
            UpdateResult result = client.update(UpdateCommand.runtimeConfig(
                    client.target(cluster, context.user()), topologyName(), changes, dryRun));
            List<String> items = result.runtimeConfig().stream()
                    .map(RuntimeConfigChange::item)
                    .toList();
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("topology", topology);
            document.put("dryRun", result.dryRun());
            document.put("runtimeConfig", runtimeConfigJson(result.runtimeConfig()));
            String text = result.dryRun()
                    ? "Would update the runtime config of topology '" + topology + "': " + String.join(", ", items)
                            + " (dry run, nothing changed)"
                    : "Updated the runtime config of topology '" + topology + "': " + String.join(", ", items);
            Printer printer = printer();
            printer.result(text, document);
            if (!result.dryRun()) {
                printer.heronResult("updated", topology);
            }
            return ExitCodes.SUCCESS;
        }
    }

    /** One object per change, with {@code component} only for component-level changes. */
    private static List<Map<String, String>> runtimeConfigJson(List<RuntimeConfigChange> changes) {
        List<Map<String, String>> result = new ArrayList<>();
        for (RuntimeConfigChange change : changes) {
            Map<String, String> item = new LinkedHashMap<>();
            change.component().ifPresent(component -> item.put("component", component));
            item.put("key", change.key());
            item.put("value", change.value());
            result.add(item);
        }
        return result;
    }

    static List<RuntimeConfigChange> parseRuntimeConfig(List<String> values) {
        return values.stream().map(RuntimeConfigChange::parse).toList();
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
