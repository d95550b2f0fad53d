package io.egret.adapters.marathon.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One answer from Marathon.
 *
 * @param request the method and path, for messages
 * @param body the JSON body; a text node for a non-JSON body, a missing node for none
 * @param deploymentId the deployment the call started, from the {@code Marathon-Deployment-Id} header or the body
 */
public record MarathonResponse(String request, int status, JsonNode body, Optional<String> deploymentId) {
    public MarathonResponse {
        requireNonNull(request, "request is null");
        requireNonNull(body, "body is null");
        requireNonNull(deploymentId, "deploymentId is null");
    }

    /** Marathon's {@code message}, or the start of a non-JSON body. */
    public String message() {
        JsonNode message = body.path("message");
        if (message.isTextual()) {
            return message.textValue();
        }
        if (body.isTextual()) {
            String text = body.textValue()
                    .replaceAll("<[^>]*>", " ")
                    .replaceAll("\\s+", " ")
                    .trim();
            return text.length() > 120 ? text.substring(0, 120) + "..." : text;
        }
        return "";
    }
}
