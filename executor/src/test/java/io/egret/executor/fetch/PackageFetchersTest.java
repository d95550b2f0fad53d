package io.egret.executor.fetch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.PackageFetcherPort;
import io.egret.ports.out.PackageFetcherProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PackageFetchersTest {
    private static final byte[] CONTENT = "package bytes".getBytes(UTF_8);
    private static final String CONTENT_SHA256 = "5a3b1a0fa0c0d9d5ea3b9bf2cb8e9f98c63a6d5e1c0b1e9f1a5c2e2d1f0a9b8c";

    @TempDir
    Path directory;

    private HttpServer server;
    private PackageFetchers fetchers;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            int status;
            switch (exchange.getRequestURI().getPath()) {
                case "/pkg.tar.gz" -> {
                    status = 200;
                    body = CONTENT;
                }
                case "/secret.tar.gz" -> {
                    status = 403;
                    body = "<Error><Code>AccessDenied</Code></Error>".getBytes(UTF_8);
                }
                default -> {
                    status = 404;
                    body = "<html>Not Found</html>".getBytes(UTF_8);
                }
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        });
        server.start();
        fetchers = PackageFetchers.of(List.of(), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void fetchesOverHttpAndFromFiles() throws IOException {
        Path fromHttp = directory.resolve("out/http.tar.gz");
        fetchers.fetch(http("/pkg.tar.gz"), fromHttp);
        assertThat(fromHttp).hasBinaryContent(CONTENT);

        Path source = Files.write(directory.resolve("source.tar.gz"), CONTENT);
        Path fromFile = directory.resolve("out/file.tar.gz");
        fetchers.fetch(source.toUri(), fromFile);
        assertThat(fromFile).hasBinaryContent(CONTENT);
    }

    @Test
    void aNotFoundPageIsAnErrorAndNoFile() {
        Path target = directory.resolve("out/missing.tar.gz");

        assertThatThrownBy(() -> fetchers.fetch(http("/missing.tar.gz"), target))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("cannot fetch " + http("/missing.tar.gz"))
                .hasMessageContaining("HTTP 404");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void deniedAccessIsNamed() {
        assertThatThrownBy(() -> fetchers.fetch(http("/secret.tar.gz"), directory.resolve("out/s.tar.gz")))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("access denied");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aMissingFileIsNotFound() {
        URI missing = directory.resolve("nothing.tar.gz").toUri();

        assertThatThrownBy(() -> fetchers.fetch(missing, directory.resolve("out/x.tar.gz")))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("cannot fetch " + missing)
                .hasMessageContaining("does not exist");
    }

    @Test
    void verifiesTheDigestTheUriCarries() throws IOException {
        String actual = PackageFetchers.sha256(Files.write(directory.resolve("probe"), CONTENT));
        Path good = directory.resolve("out/good.tar.gz");
        fetchers.fetch(PackageUri.withSha256(http("/pkg.tar.gz"), actual), good);
        assertThat(good).hasBinaryContent(CONTENT);

        Path bad = directory.resolve("out/bad.tar.gz");
        assertThatThrownBy(() -> fetchers.fetch(PackageUri.withSha256(http("/pkg.tar.gz"), CONTENT_SHA256), bad))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("has SHA-256 " + actual + ", not " + CONTENT_SHA256);
        assertThat(bad).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void unknownSchemesAndFragmentsAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> fetchers.fetch(URI.create("gs://bucket/p.tar.gz"), directory.resolve("x")))
                .hasMessage("cannot fetch gs://bucket/p.tar.gz: no fetcher for the scheme 'gs'; this installation"
                        + " fetches file, http, https URIs");
        assertThatThrownBy(() -> fetchers.fetch(URI.create("http://h/p.tar.gz#md5=1"), directory.resolve("x")))
                .hasMessageContaining("the only fragment understood is #sha256=<64 hex digits>");
    }

    @Test
    void providersServeTheirSchemesAndOpenOnlyWhenUsed() {
        int[] opened = {0};
        PackageFetcherProvider provider = new PackageFetcherProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of("mem");
            }

            @Override
            public PackageFetcherPort open(Map<String, String> config) {
                opened[0]++;
                return (uri, target) -> {
                    try {
                        Files.writeString(target, config.get("greeting") + " " + uri.getPath());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        };
        PackageFetchers withProvider = PackageFetchers.of(
                List.of(provider), Map.of("greeting", "hello"), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(withProvider.schemes()).containsExactly("file", "http", "https", "mem");
        assertThat(opened[0]).isZero();

        Path target = directory.resolve("mem.txt");
        withProvider.fetch(URI.create("mem://x/a"), target);
        withProvider.fetch(URI.create("mem://x/b"), target);

        assertThat(target).hasContent("hello /b");
        assertThat(opened[0]).isEqualTo(1);
    }

    @Test
    void userInformationNeverReachesMessages() {
        URI withPassword = URI.create(
                "http://user:hunter2@127.0.0.1:" + server.getAddress().getPort() + "/none");

        assertThatThrownBy(() -> fetchers.fetch(withPassword, directory.resolve("x")))
                .hasMessageNotContaining("hunter2");
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private List<Path> leftovers() {
        Path out = directory.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(file -> !file.getFileName().toString().startsWith("good")
                            && !file.getFileName().toString().startsWith("http")
                            && !file.getFileName().toString().startsWith("file"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
