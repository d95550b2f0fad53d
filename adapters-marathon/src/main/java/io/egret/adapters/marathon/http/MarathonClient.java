package io.egret.adapters.marathon.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.egret.domain.config.SecretValue;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Marathon's REST API v2 over OkHttp: JSON in and out, {@code Authorization: token=...} when a token is
 * configured, connect and read timeouts on every call. It returns every answer Marathon gives, so that callers
 * decide which statuses mean success; {@link #expect} turns the others into one clear error. The token is only
 * ever put in the request header: it is in no message, log or exception.
 */
public final class MarathonClient {
    /** The header in which Marathon names the deployment a call started. */
    public static final String DEPLOYMENT_HEADER = "Marathon-Deployment-Id";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    private final String base;
    private final URI baseUri;
    private final Optional<SecretValue> token;
    private final OkHttpClient http;

    public MarathonClient(URI baseUri, Optional<SecretValue> token, Duration connectTimeout, Duration readTimeout) {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
        this.token = requireNonNull(token, "token is null");
        String text = baseUri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                // Marathon's answers must be seen as they are: a redirect to a login page is an auth failure.
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Marathon's base URI, for messages. */
    public URI baseUri() {
        return baseUri;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** {@code GET base + pathAndQuery}. */
    public MarathonResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, Optional.empty());
    }

    /**
     * Sends one request.
     *
     * @param pathAndQuery starting with {@code /v2/}; ids in it are already valid Marathon ids, which need no
     *     escaping
     * @throws EgretException {@code UNREACHABLE} when Marathon cannot be reached or does not answer in time
     */
    public MarathonResponse send(String method, String pathAndQuery, Optional<JsonNode> body) {
        requireNonNull(method, "method is null");
        requireNonNull(pathAndQuery, "pathAndQuery is null");
        requireNonNull(body, "body is null");
        RequestBody requestBody = body.map(json -> RequestBody.create(write(json), JSON_TYPE))
                .orElse(
                        method.equals("POST") || method.equals("PUT")
                                ? RequestBody.create(new byte[0], JSON_TYPE)
                                : null);
        Request.Builder request = new Request.Builder()
                .url(base + pathAndQuery)
                .header("Accept", "application/json")
                .method(method, requestBody);
        token.ifPresent(secret -> request.header("Authorization", "token=" + secret.reveal()));
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            Optional<String> deployment = Optional.ofNullable(response.header(DEPLOYMENT_HEADER));
            return new MarathonResponse(
                    method + " " + pathAndQuery,
                    response.code(),
                    parse(text, response.header("Content-Type", "")),
                    deployment.isPresent()
                            ? deployment
                            : Optional.ofNullable(parse(text, "application/json")
                                    .path("deploymentId")
                                    .textValue()));
        } catch (IOException e) {
            throw EgretException.unreachable(
                    "cannot reach Marathon at " + baseUri + " (heron.marathon.scheduler.uri): " + describe(e), e);
        }
    }

    /**
     * Returns the response when its status is one of {@code expected}, else throws the error it stands for.
     *
     * @param operation what was attempted, for the message ("submit topology 'x'")
     */
    public MarathonResponse expect(MarathonResponse response, String operation, int... expected) {
        for (int status : expected) {
            if (response.status() == status) {
                return response;
            }
        }
        throw MarathonErrors.failure(operation, baseUri, token.isPresent(), response);
    }

    private static byte[] write(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw EgretException.internal("cannot write JSON for Marathon: " + e.getOriginalMessage(), e);
        }
    }

    /** JSON when it is JSON; anything else (Admin Router's HTML pages) as a text node. */
    private static JsonNode parse(String text, String contentType) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        if (contentType.contains("json") || text.startsWith("{") || text.startsWith("[")) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(text);
            }
        }
        return TextNode.valueOf(text);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.net.SocketTimeoutException || e instanceof java.io.InterruptedIOException) {
            return "no answer in time (" + (message == null ? kind : message) + ")";
        }
        return message == null ? kind : kind + ": " + message;
    }
}
