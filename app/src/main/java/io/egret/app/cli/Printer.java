package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.egret.codec.EgretJson;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.packing.PlanDiff;
import io.egret.domain.resource.Resources;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders results as text for people or as JSON for scripts. */
final class Printer {
    private final PrintStream out;
    private final boolean json;

    Printer(PrintStream out, boolean json) {
        this.out = requireNonNull(out, "out is null");
        this.json = json;
    }

    boolean isJson() {
        return json;
    }

    void line(String text) {
        out.println(text);
    }

    void json(Object value) {
        try {
            out.println(EgretJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Prints a text line, or the given JSON document under {@code --output json}. */
    void result(String text, Object jsonValue) {
        if (json) {
            json(jsonValue);
        } else {
            line(text);
        }
    }

    /** A dry run's cluster-manager commands, one line each, in text output (JSON documents carry them). */
    void schedulerCommands(List<String> commands) {
        if (!json) {
            commands.forEach(command -> line("Would run: " + command));
        }
    }

    /**
     * Heron's own result line after a change succeeded ({@code Successfully <verb> topology 'NAME'}), for scripts
     * written against Heron that look for it. Text output only: JSON stays one document.
     */
    void heronResult(String pastTense, String topology) {
        if (!json) {
            line("Successfully " + pastTense + " topology '" + topology + "'");
        }
    }

    void plan(String topology, PackingPlan plan, DryRunFormat format) {
        switch (format) {
            case RAW -> {
                line("Packing class: " + plan.algorithm());
                line("Topology: " + topology);
                line("Packing plan:");
                line(plan.toString());
            }
            case TABLE, COLORED_TABLE -> table(plan);
            case JSON -> json(planJson(topology, plan));
        }
    }

    private void table(PackingPlan plan) {
        line("Total number of containers: " + plan.containers().size());
        line("Using packing class: " + plan.algorithm());
        for (ContainerPlan container : plan.containers()) {
            Resources required = container.required();
            line("");
            line("Container " + container.id());
            line("CPU: " + Resources.formatCpu(required.cpu()) + ", RAM: "
                    + required.ram().megabytes() + " MB, Disk: "
                    + required.disk().megabytes() + " MB");
            line(String.format(
                    Locale.ROOT, "%-20s %8s %6s %9s %10s", "component", "task ID", "CPU", "RAM (MB)", "disk (MB)"));
            for (InstancePlan instance : container.instances()) {
                Resources resources = instance.resources();
                line(String.format(
                        Locale.ROOT,
                        "%-20s %8d %6s %9d %10d",
                        instance.component(),
                        instance.id().taskId(),
                        Resources.formatCpu(resources.cpu()),
                        resources.ram().megabytes(),
                        resources.disk().megabytes()));
            }
        }
    }

    /** What an update changes, container by container, as Heron's update dry run tags it. */
    void diff(String repackingClass, PlanDiff diff) {
        line("Using repacking class: " + repackingClass);
        line(String.format(
                Locale.ROOT,
                "Changes: %d new, %d removed, %d modified, %d unaffected containers",
                diff.withKind(PlanDiff.ChangeKind.NEW).size(),
                diff.withKind(PlanDiff.ChangeKind.REMOVED).size(),
                diff.withKind(PlanDiff.ChangeKind.MODIFIED).size(),
                diff.withKind(PlanDiff.ChangeKind.UNAFFECTED).size()));
        for (PlanDiff.ContainerChange change : diff.containers()) {
            String request = change.newRequired()
                    .or(change::oldRequired)
                    .map(Printer::request)
                    .orElse("");
            String before = change.kind() == PlanDiff.ChangeKind.MODIFIED
                    ? change.oldRequired()
                            .map(old -> " (was " + request(old) + ")")
                            .orElse("")
                    : "";
            line(String.format(
                    Locale.ROOT, "Container %-4d %-10s %s%s", change.containerId(), change.kind(), request, before));
            change.added().forEach(instance -> line("    + " + instance));
            change.removed().forEach(instance -> line("    - " + instance));
        }
    }

    private static String request(Resources resources) {
        return "CPU: " + Resources.formatCpu(resources.cpu()) + ", RAM: "
                + resources.ram().megabytes() + " MB, Disk: " + resources.disk().megabytes() + " MB";
    }

    static Map<String, Object> planJson(String topology, PackingPlan plan) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("packingClass", plan.algorithm());
        document.put("topology", topology);
        document.put(
                "containers",
                plan.containers().stream()
                        .map(container -> {
                            Map<String, Object> entry = new LinkedHashMap<>();
                            entry.put("id", container.id());
                            entry.put("resources", resourcesJson(container.required()));
                            List<Map<String, Object>> components = container.instances().stream()
                                    .map(instance -> {
                                        Map<String, Object> component = new LinkedHashMap<>();
                                        component.put("component", instance.component());
                                        component.put("id", instance.id().taskId());
                                        component.put("index", instance.id().componentIndex());
                                        component.put("resources", resourcesJson(instance.resources()));
                                        return component;
                                    })
                                    .toList();
                            entry.put("components", components);
                            return entry;
                        })
                        .toList());
        return document;
    }

    private static Map<String, Object> resourcesJson(Resources resources) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("cpu", resources.cpu());
        document.put("ram", resources.ram().bytes());
        document.put("disk", resources.disk().bytes());
        return document;
    }
}
