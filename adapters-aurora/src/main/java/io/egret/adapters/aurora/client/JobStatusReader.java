package io.egret.adapters.aurora.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.ContainerStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code aurora job status --write-json}: per job, the active and inactive tasks with Aurora's
 * {@code ScheduleStatus} names and their events. Each instance's phase comes from its active task, or from its
 * latest inactive one when none is active; a PENDING task's detail is the message of its latest event (why
 * Aurora cannot place it).
 */
public final class JobStatusReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobStatusReader() {}

    /**
     * @throws EgretException {@code INTERNAL} if the output is not the client's JSON
     */
    public static List<ContainerStatus> read(String output) {
        JsonNode root;
        try {
            root = JSON.readTree(output.substring(Math.max(0, output.indexOf('['))));
        } catch (IOException | StringIndexOutOfBoundsException e) {
            throw EgretException.internal(
                    "cannot read the aurora client's job status (expected JSON)" + AuroraFailures.tail(output), e);
        }
        if (root == null || !root.isArray()) {
            throw EgretException.internal(
                    "cannot read the aurora client's job status (expected a JSON list)" + AuroraFailures.tail(output),
                    null);
        }
        Map<Integer, ContainerStatus> byInstance = new TreeMap<>();
        Map<Integer, Long> endedAt = new TreeMap<>();
        for (JsonNode job : root) {
            for (JsonNode task : job.path("inactive")) {
                ContainerStatus status = status(task);
                long ended = latest(task);
                if (ended >= endedAt.getOrDefault(status.containerId(), Long.MIN_VALUE)) {
                    endedAt.put(status.containerId(), ended);
                    byInstance.put(status.containerId(), status);
                }
            }
            for (JsonNode task : job.path("active")) {
                ContainerStatus status = status(task);
                byInstance.put(status.containerId(), status);
            }
        }
        return new ArrayList<>(byInstance.values());
    }

    private static ContainerStatus status(JsonNode task) {
        int instance = task.path("assignedTask").path("instanceId").asInt(-1);
        if (instance < 0) {
            throw EgretException.internal("the aurora client's job status has a task without an instance id", null);
        }
        String status = task.path("status").asText("");
        ContainerStatus.Phase phase = phase(status);
        String detail = switch (phase) {
            case PENDING, FAILED -> status + lastMessage(task);
            case STARTING, FINISHED -> status;
            case RUNNING -> "";
        };
        return new ContainerStatus(
                instance, phase, detail, task.path("failureCount").asInt(0));
    }

    /** Aurora's {@code ScheduleStatus} names as container phases. */
    static ContainerStatus.Phase phase(String status) {
        return switch (status) {
            case "INIT", "THROTTLED", "PENDING" -> ContainerStatus.Phase.PENDING;
            case "ASSIGNED", "STARTING", "RESTARTING", "DRAINING", "PREEMPTING", "PARTITIONED" ->
                ContainerStatus.Phase.STARTING;
            case "RUNNING" -> ContainerStatus.Phase.RUNNING;
            case "FAILED", "LOST" -> ContainerStatus.Phase.FAILED;
            case "FINISHED", "KILLED", "KILLING" -> ContainerStatus.Phase.FINISHED;
            default ->
                throw EgretException.internal(
                        "the aurora client reported an unknown task status '" + status + "'", null);
        };
    }

    private static String lastMessage(JsonNode task) {
        String message = "";
        long latest = Long.MIN_VALUE;
        for (JsonNode event : task.path("taskEvents")) {
            long timestamp = event.path("timestamp").asLong(0);
            String text = event.path("message").asText("");
            if (timestamp >= latest && !text.isBlank()) {
                latest = timestamp;
                message = text;
            }
        }
        return message.isEmpty() ? "" : ": " + message;
    }

    private static long latest(JsonNode task) {
        long latest = 0;
        for (JsonNode event : task.path("taskEvents")) {
            latest = Math.max(latest, event.path("timestamp").asLong(0));
        }
        return latest;
    }
}
