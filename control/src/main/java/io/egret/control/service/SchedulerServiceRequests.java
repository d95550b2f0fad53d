package io.egret.control.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.domain.error.EgretException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The fields of the scheduler-service requests, read with one-line errors for what is malformed. */
public final class SchedulerServiceRequests {
    private SchedulerServiceRequests() {}

    /** {@code "containers": [ids]}, required. */
    public static List<Integer> containerIds(JsonNode request) {
        JsonNode containers = request.get("containers");
        if (containers == null || !containers.isArray()) {
            throw EgretException.userError("the request needs \"containers\": [container ids]");
        }
        List<Integer> ids = new ArrayList<>();
        for (JsonNode id : containers) {
            ids.add(integer(id));
        }
        return ids;
    }

    /** {@code "containerId": n} of a restart; empty (every container) when absent or null. */
    public static OptionalInt containerId(JsonNode request) {
        JsonNode id = request.get("containerId");
        return id == null || id.isNull() ? OptionalInt.empty() : OptionalInt.of(integer(id));
    }

    /** {@code "timeoutMillis": n} of a kill or remove, else {@code fallback}. */
    public static Duration timeout(JsonNode request, Duration fallback) {
        JsonNode millis = request.get("timeoutMillis");
        return millis == null || millis.isNull() ? fallback : Duration.ofMillis(millis.asLong());
    }

    private static int integer(JsonNode node) {
        if (!node.canConvertToInt()) {
            throw EgretException.userError("not a container id: " + node);
        }
        return node.intValue();
    }
}
