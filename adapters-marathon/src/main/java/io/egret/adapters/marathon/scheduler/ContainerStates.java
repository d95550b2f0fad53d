package io.egret.adapters.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ContainerStatus.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One container's phase from its Marathon app, its tasks and its launch-queue entry, the way Marathon's own UI
 * derives "Waiting", "Delayed", "Suspended" and "Deploying". A container Marathon cannot place says why: what it
 * asks for against the largest offer Marathon recently declined, and the reasons Marathon counted.
 */
final class ContainerStates {
    private ContainerStates() {}

    /** The container's status, with its restart count (see {@link Restarts}). */
    static ContainerStatus of(int containerId, JsonNode app, JsonNode queueEntry, int restarts) {
        ContainerStatus status = phase(containerId, app, queueEntry);
        return new ContainerStatus(containerId, status.phase(), status.detail(), restarts);
    }

    private static ContainerStatus phase(int containerId, JsonNode app, JsonNode queueEntry) {
        if (!queueEntry.isMissingNode() && queueEntry.path("count").asInt(0) > 0) {
            JsonNode delay = queueEntry.path("delay");
            if (delay.path("overdue").asBoolean(true)) {
                return new ContainerStatus(containerId, Phase.PENDING, waiting(app, queueEntry), 0);
            }
            return new ContainerStatus(
                    containerId,
                    Phase.PENDING,
                    "delayed: Marathon backs off after failed launches ("
                            + delay.path("timeLeftSeconds").asInt() + " s left)" + lastFailure(app),
                    0);
        }
        int instances = app.path("instances").asInt(0);
        int running = app.path("tasksRunning").asInt(0);
        if (instances == 0) {
            return new ContainerStatus(
                    containerId,
                    running == 0 ? Phase.FINISHED : Phase.RUNNING,
                    running == 0 ? "suspended (0 instances)" : "suspending",
                    0);
        }
        if (running > 0) {
            if (app.path("tasksUnhealthy").asInt(0) > 0) {
                return new ContainerStatus(containerId, Phase.FAILED, "health check failing" + lastFailure(app), 0);
            }
            return new ContainerStatus(containerId, Phase.RUNNING, "", 0);
        }
        if (app.path("tasksStaged").asInt(0) > 0) {
            return new ContainerStatus(containerId, Phase.STARTING, "staging", 0);
        }
        if (app.hasNonNull("lastTaskFailure")) {
            return new ContainerStatus(
                    containerId, Phase.FAILED, lastFailure(app).substring(2), 0);
        }
        return new ContainerStatus(containerId, Phase.STARTING, "deploying", 0);
    }

    /** Why Marathon has not placed the container: what it asks against what the agents offered. */
    static String waiting(JsonNode app, JsonNode queueEntry) {
        String ask = "asks cpus=" + number(app.path("cpus").asDouble()) + " mem="
                + number(app.path("mem").asDouble()) + " MiB disk="
                + number(app.path("disk").asDouble()) + " MiB";
        Map<String, Double> largest = new TreeMap<>();
        int offers = 0;
        for (JsonNode unused : queueEntry.path("lastUnusedOffers")) {
            offers++;
            for (JsonNode resource : unused.path("offer").path("resources")) {
                String name = resource.path("name").asText();
                if (resource.has("scalar")) {
                    largest.merge(name, resource.path("scalar").asDouble(), Math::max);
                }
            }
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode reject : queueEntry.path("processedOffersSummary").path("rejectSummaryLastOffers")) {
            int declined = reject.path("declined").asInt(0);
            if (declined > 0) {
                reasons.add(reject.path("reason").asText() + " " + declined + "/"
                        + reject.path("processed").asInt(0));
            }
        }
        String offered = offers == 0
                ? "no offer seen yet ("
                        + queueEntry
                                .path("processedOffersSummary")
                                .path("processedOffersCount")
                                .asInt(0) + " processed)"
                : "the largest of the last " + offers + " offers has " + offered(largest);
        String declined = reasons.isEmpty() ? "" : "; declined for " + String.join(", ", reasons);
        return "waiting for resources: " + ask + ", " + offered + declined
                + "; no agent fits this container: use smaller containers (more of them) or bigger agents";
    }

    private static String offered(Map<String, Double> largest) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("cpus", "mem", "disk")) {
            Double value = largest.get(name);
            parts.add(name + "=" + (value == null ? "none" : number(value))
                    + (name.equals("cpus") || value == null ? "" : " MiB"));
        }
        return String.join(" ", parts);
    }

    private static String lastFailure(JsonNode app) {
        JsonNode failure = app.path("lastTaskFailure");
        if (failure.isMissingNode() || failure.isNull()) {
            return "";
        }
        return "; last failure " + failure.path("state").asText().toLowerCase(Locale.ROOT) + ": "
                + failure.path("message").asText();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
