package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scheduler must remember to take its topology over after a restart: the framework id and each
 * container's current task. Kept as job links of the topology's scheduler location (the Mesos UI's framework
 * page, then one sandbox page per task), so the state store needs no Mesos-specific record.
 *
 * @param tasks container id to its current task
 */
public record RecordedTasks(Optional<String> frameworkId, Map<Integer, TaskRef> tasks) {
    private static final Pattern FRAMEWORK_LINK = Pattern.compile(".*/#/frameworks/([^/]+)$");
    private static final Pattern TASK_LINK =
            Pattern.compile(".*/#/agents/([^/]+)/frameworks/([^/]+)/executors/([^/]+)/browse$");

    public RecordedTasks {
        requireNonNull(frameworkId, "frameworkId is null");
        tasks = Map.copyOf(new TreeMap<>(requireNonNull(tasks, "tasks is null")));
    }

    public static RecordedTasks none() {
        return new RecordedTasks(Optional.empty(), Map.of());
    }

    /** A container's task on an agent. */
    public record TaskRef(String taskId, String agentId) {
        public TaskRef {
            requireNonNull(taskId, "taskId is null");
            requireNonNull(agentId, "agentId is null");
        }
    }

    /** The job links, framework first; {@code master} is the master's web UI base ({@code http://host:port}). */
    public List<String> toLinks(String master) {
        List<String> links = new ArrayList<>();
        if (frameworkId.isEmpty()) {
            return links;
        }
        String framework = frameworkId.get();
        links.add(master + "/#/frameworks/" + framework);
        tasks.values()
                .forEach(task -> links.add(master + "/#/agents/" + task.agentId() + "/frameworks/" + framework
                        + "/executors/" + task.taskId() + "/browse"));
        return links;
    }

    /** Parses {@link #toLinks}; links of another kind are ignored. */
    public static RecordedTasks fromLinks(List<String> links) {
        Optional<String> framework = Optional.empty();
        Map<Integer, TaskRef> tasks = new TreeMap<>();
        for (String link : links) {
            Matcher frameworkMatch = FRAMEWORK_LINK.matcher(link);
            if (frameworkMatch.matches()) {
                framework = Optional.of(frameworkMatch.group(1));
                continue;
            }
            Matcher taskMatch = TASK_LINK.matcher(link);
            if (taskMatch.matches()) {
                String taskId = taskMatch.group(3);
                TaskNames.containerOf(taskId)
                        .ifPresent(container -> tasks.put(container, new TaskRef(taskId, taskMatch.group(1))));
            }
        }
        return new RecordedTasks(framework, tasks);
    }
}
