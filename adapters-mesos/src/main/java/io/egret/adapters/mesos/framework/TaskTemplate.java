package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.mesos.matching.Allocation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * Builds the {@code TaskInfo} of one container: Heron's executor command with the container's id, host, ports and
 * executor heap bound filled in ({@code ${SHARD}}, {@code ${HOST}}, {@code ${PORT0}}, {@code ${PORT1}}, …,
 * {@code ${HEAP_MB}} from {@code heapMb}), run by the shell in
 * the task's sandbox, after the Mesos fetcher has fetched and unpacked the core and topology packages there.
 * Resources name exactly the offered entries they were carved from, reservations and allocation role included.
 */
public record TaskTemplate(
        List<String> command, List<URI> uris, Map<String, String> environment, IntToLongFunction heapMb) {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{(SHARD|HOST|HEAP_MB|PORT[0-9]+)}");

    /** A template whose command has no {@code ${HEAP_MB}}. */
    public TaskTemplate(List<String> command, List<URI> uris, Map<String, String> environment) {
        this(command, uris, environment, containerId -> {
            throw new IllegalStateException("no executor heap bound for container " + containerId);
        });
    }

    public TaskTemplate {
        command = List.copyOf(requireNonNull(command, "command is null"));
        uris = List.copyOf(requireNonNull(uris, "uris is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(heapMb, "heapMb is null");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the container command is empty");
        }
    }

    /** How many ports the command uses: one more than its highest {@code ${PORTn}}. */
    public int portCount() {
        int count = 0;
        for (String part : command) {
            Matcher matcher = TOKEN.matcher(part);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (name.startsWith("PORT")) {
                    count = Math.max(count, Integer.parseInt(name.substring(4)) + 1);
                }
            }
        }
        return count;
    }

    /** The task of container {@code containerId} on {@code offer}, with the resources of {@code allocation}. */
    public TaskInfo task(String taskId, int containerId, Offer offer, Allocation allocation) {
        List<Long> ports = allocation.portNumbers();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SHARD", Integer.toString(containerId));
        values.put("HOST", offer.getHostname());
        for (int i = 0; i < ports.size(); i++) {
            values.put("PORT" + i, Long.toString(ports.get(i)));
        }
        List<String> words = new ArrayList<>();
        for (String part : command) {
            Matcher matcher = TOKEN.matcher(part);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                String value = matcher.group(1).equals("HEAP_MB")
                        ? Long.toString(heapMb.applyAsLong(containerId))
                        : values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalStateException("no value for " + matcher.group() + " in " + part);
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(resolved);
            words.add(quote(resolved.toString()));
        }
        CommandInfo.Builder commandInfo =
                CommandInfo.newBuilder().setShell(true).setValue(String.join(" ", words));
        for (URI uri : uris) {
            commandInfo.addUris(CommandInfo.URI
                    .newBuilder()
                    .setValue(uri.toString())
                    .setExtract(true)
                    .setCache(false));
        }
        if (!environment.isEmpty()) {
            Environment.Builder env = Environment.newBuilder();
            environment.forEach((name, value) -> env.addVariables(
                    Environment.Variable.newBuilder().setName(name).setValue(value)));
            commandInfo.setEnvironment(env);
        }
        return TaskInfo.newBuilder()
                .setName("container_" + containerId)
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue(offer.getAgentId().getValue()))
                .addAllResources(resources(offer, allocation))
                .setCommand(commandInfo)
                .build();
    }

    /** The task's resources: each a copy of the offered entry it came from, with the amount taken. */
    static List<Resource> resources(Offer offer, Allocation allocation) {
        List<Resource> resources = new ArrayList<>();
        for (Allocation.ScalarTake take : allocation.scalars()) {
            resources.add(offer.getResources(take.source()).toBuilder()
                    .setScalar(Value.Scalar.newBuilder().setValue(take.amount() / 1000.0))
                    .build());
        }
        Map<Integer, Value.Ranges.Builder> ranges = new LinkedHashMap<>();
        for (Allocation.PortTake take : allocation.ports()) {
            ranges.computeIfAbsent(take.source(), source -> Value.Ranges.newBuilder())
                    .addRange(Value.Range.newBuilder().setBegin(take.begin()).setEnd(take.end()));
        }
        ranges.forEach((source, range) -> resources.add(
                offer.getResources(source).toBuilder().setRanges(range).build()));
        return resources;
    }

    private static String quote(String word) {
        if (word.matches("[A-Za-z0-9_./=:,@%+-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
