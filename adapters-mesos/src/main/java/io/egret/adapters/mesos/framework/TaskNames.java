package io.egret.adapters.mesos.framework;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task ids: {@code container-<id>-<attempt>}, unique within the topology's framework. */
final class TaskNames {
    private static final Pattern TASK_ID = Pattern.compile("container-(\\d{1,9})-(\\d{1,9})");

    private TaskNames() {}

    static String taskId(int containerId, int attempt) {
        return "container-" + containerId + "-" + attempt;
    }

    static Optional<Integer> containerOf(String taskId) {
        Matcher matcher = TASK_ID.matcher(taskId);
        return matcher.matches() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    static OptionalInt attemptOf(String taskId) {
        Matcher matcher = TASK_ID.matcher(taskId);
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(2))) : OptionalInt.empty();
    }
}
