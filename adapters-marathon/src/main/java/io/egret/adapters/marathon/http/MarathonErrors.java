package io.egret.adapters.marathon.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Marathon answer that is not the expected one into one line that says what happened and what to do,
 * with the exit code of its kind: auth and validation failures are the user's to fix, 409 is a conflict, 5xx and
 * timeouts mean Marathon is not available.
 */
final class MarathonErrors {
    private static final String TOKEN_KEY = "heron.marathon.scheduler.auth.token";
    private static final String TOKEN_HINT = "get a fresh token with 'dcos auth login' and set " + TOKEN_KEY
            + " to dcos_acs_token from ~/.dcos/dcos.toml";

    private MarathonErrors() {}

    static EgretException failure(String operation, URI base, boolean tokenSet, MarathonResponse response) {
        int status = response.status();
        String message = response.message();
        String said = message.isEmpty() ? "" : ": " + message;
        String prefix = "cannot " + operation + ": Marathon at " + base + " answered " + status;
        return switch (status / 100) {
            case 4 -> clientError(prefix, status, said, tokenSet, response);
            case 5 ->
                new EgretException(
                        ErrorCode.UNREACHABLE, prefix + said + " (Marathon is not available; try again later)");
            default -> new EgretException(ErrorCode.INTERNAL, prefix + " to " + response.request() + said);
        };
    }

    private static EgretException clientError(
            String prefix, int status, String said, boolean tokenSet, MarathonResponse response) {
        return switch (status) {
            case 401 ->
                EgretException.userError(prefix + " Unauthorized"
                        + (tokenSet
                                ? ": the token in " + TOKEN_KEY + " is invalid or expired; "
                                : ": it requires a token and " + TOKEN_KEY + " is not set; ")
                        + TOKEN_HINT);
            case 403 ->
                said.contains("Max number")
                        ? EgretException.conflict(prefix + said)
                        : EgretException.userError(prefix + " Forbidden" + said
                                + "; the token's account may not change /heron/topologies; use a token of an account"
                                + " that may, or " + TOKEN_HINT);
            case 404 -> EgretException.notFound(prefix + said);
            case 409 -> EgretException.conflict(prefix + said + deployments(response.body()));
            case 400, 422 -> EgretException.userError(prefix + said + details(response.body()));
            default -> EgretException.userError(prefix + said);
        };
    }

    /** The deployments a 409 names, when the message's own placeholder does not. */
    private static String deployments(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("deployments")
                .forEach(deployment -> ids.add(deployment.path("id").asText()));
        return ids.isEmpty()
                ? ""
                : " (running deployments: " + String.join(", ", ids)
                        + "; wait for them to finish, or cancel them with DELETE /v2/deployments/<id>)";
    }

    /** Marathon's validation details, one {@code path: errors} per entry; a string {@code details} as it is. */
    private static String details(JsonNode body) {
        JsonNode details = body.path("details");
        if (details.isTextual()) {
            return " (" + details.textValue() + ")";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode detail : details) {
            List<String> errors = new ArrayList<>();
            detail.path("errors").forEach(error -> errors.add(error.asText()));
            lines.add(detail.path("path").asText() + ": " + String.join(", ", errors));
        }
        return lines.isEmpty() ? "" : " (" + String.join("; ", lines) + ")";
    }
}
