package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Marathon checks before it accepts an app or a group (cluster-apis.md §1.3–1.5): the id rule per segment,
 * the reserved last segments, children inside their group, not both {@code cmd} and {@code args}, resource
 * minimums. Violations are collected per JSON path, as Marathon's 422 body lists them.
 */
final class MarathonValidation {
    static final String SEGMENT_PATTERN =
            "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$";
    private static final Pattern SEGMENT = Pattern.compile(SEGMENT_PATTERN);
    private static final Set<String> RESERVED = Set.of("restart", "tasks", "versions", ".", "..");
    private static final Set<String> HEALTH_PROTOCOLS =
            Set.of("HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_TCP", "MESOS_HTTP", "MESOS_HTTPS");

    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    boolean valid() {
        return violations.isEmpty();
    }

    Map<String, List<String>> violations() {
        return violations;
    }

    /** Checks an absolute id; returns it normalised (no trailing slash, empty segments dropped). */
    String id(String path, JsonNode id) {
        if (!id.isTextual()) {
            add(path, "error.expected.jsstring");
            return "";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : id.textValue().split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                add(path, "must fully match regular expression '" + SEGMENT_PATTERN + "'");
                break;
            }
        }
        if (!segments.isEmpty() && RESERVED.contains(segments.get(segments.size() - 1))) {
            add(path, "must not end with any of the following reserved keywords: restart, tasks, versions, ., ..");
        }
        return "/" + String.join("/", segments);
    }

    void app(String path, JsonNode app, String parent) {
        String id = id(path + "/id", app.path("id"));
        if (parent != null && valid() && !id.startsWith(parent + "/")) {
            add(path + "/id", "Identifier is not child of '" + parent + "'. Hint: use relative paths.");
        }
        boolean hasCommand = app.has("cmd");
        boolean hasArgs = app.has("args");
        if (hasCommand && hasArgs || !hasCommand && !hasArgs && !app.has("container")) {
            add(path, "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
        }
        if (hasCommand
                && (!app.get("cmd").isTextual() || app.get("cmd").textValue().isEmpty())) {
            add(path + "/cmd", "error.minLength");
        }
        number(path + "/cpus", app, "cpus", 0.001);
        number(path + "/mem", app, "mem", 0);
        number(path + "/disk", app, "disk", 0);
        number(path + "/instances", app, "instances", 0);
        JsonNode docker = app.path("container").path("docker");
        if (!docker.isMissingNode() && !docker.path("image").isTextual()) {
            add(path + "/container/docker/image", "error.path.missing");
        }
        int index = 0;
        for (JsonNode check : app.path("healthChecks")) {
            if (!HEALTH_PROTOCOLS.contains(check.path("protocol").asText("HTTP"))) {
                add(path + "/healthChecks(" + index + ")/protocol", "error.expected.enumstring");
            }
            index++;
        }
        for (JsonNode labelValue : app.path("labels")) {
            if (!labelValue.isTextual()) {
                add(path + "/labels", "error.expected.jsstring");
            }
        }
    }

    private void number(String path, JsonNode app, String field, double minimum) {
        JsonNode value = app.path(field);
        if (value.isMissingNode()) {
            return;
        }
        if (!value.isNumber()) {
            add(path, "error.expected.jsnumber");
        } else if (value.asDouble() < minimum) {
            add(path, "error.min");
        }
    }

    void add(String path, String error) {
        violations.computeIfAbsent(path, ignored -> new ArrayList<>()).add(error);
    }
}
