package io.egret.adapters.aurora.client;

import io.egret.adapters.aurora.job.JobBindings;
import io.egret.domain.error.EgretException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code aurora} client's arguments for each operation, as Heron's scheduler passes them. Kill and restart
 * use one batch of every instance ({@code --batch-size} of the largest int), since {@code restart} has no
 * {@code --no-batching}.
 */
public final class AuroraCommands {
    private static final String ONE_BATCH = Integer.toString(Integer.MAX_VALUE);
    private static final Pattern QUERIED = Pattern.compile("Querying instance statuses: \\[([0-9,\\s]*)]");

    private AuroraCommands() {}

    public static List<String> create(String jobKey, Path jobFile, JobBindings bindings) {
        List<String> arguments = new ArrayList<>(List.of("job", "create", "--wait-until", "RUNNING"));
        arguments.addAll(bindings.bindArguments());
        arguments.add(jobKey);
        arguments.add(jobFile.toString());
        return arguments;
    }

    public static List<String> killAll(String jobKey) {
        return List.of("job", "killall", jobKey, "--batch-size", ONE_BATCH);
    }

    public static List<String> kill(String jobKey, Collection<Integer> instances) {
        return List.of("job", "kill", jobKey + "/" + instanceList(instances), "--batch-size", ONE_BATCH);
    }

    /** Every instance when {@code instance} is empty. */
    public static List<String> restart(String jobKey, OptionalInt instance) {
        String key = instance.isPresent() ? jobKey + "/" + instance.getAsInt() : jobKey;
        return List.of("job", "restart", key, "--batch-size", ONE_BATCH);
    }

    /** Clones instance 0's configuration {@code count} times; {@code --verbose} makes the client name the ids. */
    public static List<String> add(String jobKey, int count) {
        return List.of("job", "add", "--wait-until", "RUNNING", jobKey + "/0", Integer.toString(count), "--verbose");
    }

    public static List<String> status(String jobKey) {
        return List.of("job", "status", jobKey, "--write-json");
    }

    /**
     * The instance ids that {@code aurora job add --verbose} waited for: its log line
     * {@code Querying instance statuses: [3, 4]}.
     *
     * @throws EgretException {@code INTERNAL} if the output names no ids
     */
    public static Set<Integer> addedInstances(String output) {
        Matcher matcher = QUERIED.matcher(output);
        Set<Integer> ids = new TreeSet<>();
        if (matcher.find()) {
            for (String id : matcher.group(1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(Integer.parseInt(id.strip()));
                }
            }
        }
        if (ids.isEmpty()) {
            throw EgretException.internal(
                    "cannot read the new instance ids from the aurora client's answer (expected a line 'Querying"
                            + " instance statuses: [ids]')" + AuroraFailures.tail(output),
                    null);
        }
        return ids;
    }

    private static String instanceList(Collection<Integer> instances) {
        return new TreeSet<>(instances).stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
