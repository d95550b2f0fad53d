package io.egret.adapters.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How many times a container was restarted, from what Marathon keeps of its app: every stored version after the
 * first is a restart ({@code POST .../restart}, from {@code heron restart} or Marathon's UI, makes a new version;
 * Egret never changes a running app otherwise, and an operator's suspend and resume are restarts too), plus one
 * when the current version's task failed and Marathon has started its replacement (a task started after the app's
 * {@code lastTaskFailure}). Marathon keeps only the last failure and a bounded number of versions
 * ({@code --zk_max_versions}), so failed relaunches since the last restart count once and very old restarts drop
 * out.
 */
final class Restarts {
    private Restarts() {}

    /**
     * @param app the app as {@code GET /v2/apps} returns it, with {@code embed=apps.tasks} and
     *     {@code embed=apps.lastTaskFailure}
     * @param versions the body of {@code GET /v2/apps/<id>/versions}
     */
    static int of(JsonNode app, JsonNode versions) {
        int restarts = Math.max(0, versions.path("versions").size() - 1);
        return relaunchedAfterFailure(app) ? restarts + 1 : restarts;
    }

    private static boolean relaunchedAfterFailure(JsonNode app) {
        Optional<Instant> failedAt = instant(app.path("lastTaskFailure").path("timestamp"));
        Optional<Instant> version = instant(app.path("version"));
        if (failedAt.isEmpty() || version.isPresent() && failedAt.get().isBefore(version.get())) {
            return false;
        }
        for (JsonNode task : app.path("tasks")) {
            Optional<Instant> startedAt = instant(task.path("startedAt"));
            if (startedAt.isPresent() && startedAt.get().isAfter(failedAt.get())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instant> instant(JsonNode text) {
        if (!text.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
