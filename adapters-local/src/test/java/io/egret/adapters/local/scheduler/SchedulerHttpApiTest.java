package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.codec.EgretJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SchedulerHttpApiTest {
    @TempDir
    Path directory;

    private ExecutorSupervisor supervisor;
    private SchedulerHttpApi api;
    private final CountDownLatch killed = new CountDownLatch(1);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        Path executor = FakeExecutors.longRunning(directory.resolve("bin"));
        Path sandbox = Files.createDirectories(directory.resolve("sandbox"));
        supervisor = new ExecutorSupervisor(
                new Sandbox(sandbox),
                "wordcount-1",
                container -> List.of(executor.toString(), "--shard=" + container),
                new ExecutorSupervisor.Policy(
                        1,
                        Duration.ofMillis(50),
                        Duration.ofMillis(50),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2)));
        supervisor.start(List.of(0, 1));
        api = new SchedulerHttpApi(
                supervisor, "wordcount-1", "127.0.0.1", 0, Duration.ofSeconds(10), killed::countDown);
        api.start();
    }

    @AfterEach
    void stop() {
        api.close();
        supervisor.killAll(Duration.ofSeconds(10));
        supervisor.close();
    }

    @Test
    void statusListsContainersAsJson() throws Exception {
        HttpResponse<String> response = send("GET", "/status", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = EgretJson.mapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("OK");
        assertThat(body.path("containers")).hasSize(2);
        assertThat(body.path("containers").get(1).path("containerId").asInt()).isEqualTo(1);
        assertThat(body.path("containers").get(1).path("phase").asText()).isEqualTo("RUNNING");
    }

    @Test
    void errorsCarryEgretsCodeAndAnHttpStatus() throws Exception {
        HttpResponse<String> wrongMethod = send("GET", "/kill", "");
        HttpResponse<String> unknownContainer = send("POST", "/restart", "{\"containerId\": 9}");
        HttpResponse<String> duplicate = send("POST", "/containers/add", "{\"containers\": [1]}");
        HttpResponse<String> notJson = send("POST", "/containers/add", "containers=1");
        HttpResponse<String> noIds = send("POST", "/containers/remove", "{}");

        assertThat(wrongMethod.statusCode()).isEqualTo(400);
        assertThat(unknownContainer.statusCode()).isEqualTo(404);
        assertThat(EgretJson.mapper()
                        .readTree(unknownContainer.body())
                        .path("code")
                        .asText())
                .isEqualTo("NOT_FOUND");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(noIds.statusCode()).isEqualTo(400);
        assertThat(EgretJson.mapper().readTree(noIds.body()).path("message").asText())
                .contains("containers");
        assertThat(killed.getCount()).isEqualTo(1);
    }

    @Test
    void aRequestForAnotherIncarnationIsRefused() throws Exception {
        URI uri = URI.create("http://" + api.endpoint() + "/kill");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header(SchedulerHttpApi.TOPOLOGY_ID_HEADER, "wordcount-0")
                .POST(HttpRequest.BodyPublishers.ofString("{}", UTF_8))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("runs topology id wordcount-1, not wordcount-0");
        assertThat(killed.getCount()).isEqualTo(1);
        assertThat(supervisor.status())
                .extracting(status -> status.phase().name())
                .containsOnly("RUNNING");
    }

    @Test
    void killAnswersThenSignalsTheService() throws Exception {
        HttpResponse<String> response = send("POST", "/kill", "{\"timeoutMillis\": 10000}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(killed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(supervisor.status())
                .extracting(status -> status.phase().name())
                .containsOnly("FINISHED");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        URI uri = URI.create("http://" + api.endpoint() + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.ofString(body, UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    }
}
