package io.egret.adapters.local.scheduler;

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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches a package ({@code file:} or {@code http(s):}) to a local file, in Java rather than through
 * {@code curl}: HTTP errors are errors, timeouts apply, and the message names the URI and the reason.
 */
final class PackageFetcher implements PackageFetcherPort {
    private final Duration connectTimeout;
    private final Duration readTimeout;

    PackageFetcher(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    }

    @Override
    public void fetch(URI uri, Path target) {
        fetch(uri, target, "package");
    }

    /**
     * Copies {@code uri} to {@code target}.
     *
     * @param what what is fetched, for messages ("topology package", "Heron core package")
     */
    void fetch(URI uri, Path target, String what) {
        requireNonNull(uri, "uri is null");
        requireNonNull(target, "target is null");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "file" -> copyFile(uri, target, what);
            case "http", "https" -> download(uri, target, what);
            default ->
                throw EgretException.userError("cannot fetch the " + what + " from " + uri
                        + ": only file:, http: and https: URIs are supported by the local scheduler");
        }
    }

    private static void copyFile(URI uri, Path target, String what) {
        Path source = Path.of(uri);
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw EgretException.userError("cannot fetch the " + what + ": " + source + " does not exist");
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot copy the " + what + " from " + uri + " to " + target + ": " + e, e);
        }
    }

    private void download(URI uri, Path target, String what) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
        // Built per download: an HTTP client sets up TLS when built, which a file: fetch must not pay for.
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE,
                    "cannot fetch the " + what + " from " + uri + " (read timeout " + readTimeout + "): " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while fetching " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip();
                throw new EgretException(
                        response.statusCode() == 404 ? ErrorCode.USER_ERROR : ErrorCode.UNREACHABLE,
                        "cannot fetch the " + what + " from " + uri + ": HTTP " + response.statusCode()
                                + (text.isEmpty() ? "" : " " + text),
                        null);
            }
            Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.UNREACHABLE, "cannot fetch the " + what + " from " + uri + " to " + target + ": " + e, e);
        }
    }
}
