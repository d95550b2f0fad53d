package io.egret.adapters.marathon.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import java.time.Duration;
import java.time.Instant;

/** Waits for Marathon deployments: a deployment is done once its id is no longer listed by {@code /v2/deployments}. */
final class Deployments {
    private final MarathonClient client;
    private final Duration pollInterval;

    Deployments(MarathonClient client, Duration pollInterval) {
        this.client = requireNonNull(client, "client is null");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    }

    /**
     * Polls until the deployment is done or the deadline passes.
     *
     * @return whether it finished before the deadline
     */
    boolean awaitDone(String deploymentId, Instant deadline, String operation) {
        while (true) {
            MarathonResponse response = client.expect(client.get("/v2/deployments"), operation, 200);
            if (!listed(response.body(), deploymentId)) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            sleep(pollInterval);
        }
    }

    private static boolean listed(JsonNode deployments, String deploymentId) {
        for (JsonNode deployment : deployments) {
            if (deployment.path("id").asText().equals(deploymentId)) {
                return true;
            }
        }
        return false;
    }

    static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EgretException.internal("interrupted while waiting for Marathon", e);
        }
    }
}
