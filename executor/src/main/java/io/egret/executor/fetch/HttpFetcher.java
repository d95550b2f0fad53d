package io.egret.executor.fetch;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.PackageFetcherPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Downloads {@code http:} and {@code https:} URIs with the JDK's client. Only a 200 answer is a package: an error
 * page is an error naming the status, never a file (Heron's {@code curl} without {@code -f} unpacked error pages).
 */
final class HttpFetcher implements PackageFetcherPort {
    private static final int ERROR_BODY_LIMIT = 200;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    HttpFetcher(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    }

    @Override
    public void fetch(URI uri, Path target) {
        // Built per fetch: a client sets up TLS when built, and a container fetches once or twice.
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE,
                    "no answer from " + uri.getHost() + " (connect timeout " + connectTimeout.toSeconds()
                            + " s, read timeout " + readTimeout.toSeconds() + " s): " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                String text = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8)
                        .replaceAll("\\s+", " ")
                        .strip();
                String message = "HTTP " + status + (text.isEmpty() ? "" : " (" + text + ")");
                throw switch (status) {
                    case 404, 410 -> EgretException.notFound(message + ": nothing is stored there");
                    case 401, 403 ->
                        new EgretException(
                                ErrorCode.UNREACHABLE, message + ": access denied; the URI needs credentials", null);
                    default -> new EgretException(ErrorCode.UNREACHABLE, message, null);
                };
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.UNREACHABLE, "download broke off: " + e, e);
        }
    }
}
