package io.egret.executor.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.codec.EgretJson;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.examples.WordCount;
import io.egret.executor.EmbeddedTopology;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class ControlHttpServerTest {
    private static EmbeddedTopology topology;

    @BeforeAll
    static void start() {
        TopologyDefinition definition = WordCount.topology(1).toDefinition("control", WordCount.config(1));
        topology = EmbeddedTopology.start(definition, 1);
    }

    @AfterAll
    static void stop() {
        topology.close();
    }

    @Test
    void answersWithoutWaitingForDelayedAcks() {
        // Read by the JDK server when its classes load, which the running server above has made them do.
        assertThat(System.getProperty(ControlHttpServer.NODELAY_PROPERTY)).isEqualTo("true");
    }

    @Test
    void health() throws Exception {
        Response response = send("GET", "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void deactivateAndActivateAreIdempotentAndStatusFollows() throws Exception {
        String id = "?topologyid=" + topology.topologyId();

        assertThat(send("POST", "/deactivate" + id).statusCode()).isEqualTo(200);
        Response again = send("POST", "/deactivate" + id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already deactivated");
        assertThat(status().state()).isEqualTo(TopologyState.PAUSED);

        assertThat(send("POST", "/activate" + id).statusCode()).isEqualTo(200);
        assertThat(status().state()).isEqualTo(TopologyState.RUNNING);
        assertThat(status().containersAlive()).containsEntry(1, true);
    }

    @Test
    void wrongOrMissingTopologyIdIsRefusedWithAJsonError() throws Exception {
        Response wrong = send("POST", "/deactivate?topologyid=control-stale");
        Response missing = send("POST", "/activate");

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(EgretJson.mapper().readTree(wrong.body()).get("error").asText())
                .contains("does not match this topology master");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(topology.status().state()).isEqualTo(TopologyState.RUNNING);
    }

    @Test
    void runtimeConfigIsAppliedOrRefusedWithAJsonError() throws Exception {
        String id = "?topologyid=" + topology.topologyId();

        Response applied = send("POST", "/runtime_config/update" + id + "&runtime-config=count%3Amy.key%3A42");
        Response wrongId = send("POST", "/runtime_config/update?topologyid=control-stale&runtime-config=my.key%3A1");
        Response malformed = send("POST", "/runtime_config/update" + id + "&runtime-config=my.key");
        Response unknownComponent = send("POST", "/runtime_config/update" + id + "&runtime-config=splitter%3Ak%3Av");
        Response missing = send("POST", "/runtime_config/update" + id);

        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("runtime config updated");
        assertThat(wrongId.statusCode()).isEqualTo(400);
        assertThat(EgretJson.mapper().readTree(wrongId.body()).get("error").asText())
                .contains("does not match this topology master");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("must look like NAME:VALUE");
        assertThat(unknownComponent.statusCode()).isEqualTo(400);
        assertThat(unknownComponent.body()).contains("unknown component 'splitter'");
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertThat(send("GET", "/nothing").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/activate").statusCode()).isEqualTo(405);
    }

    private static TopologyRuntimeStatus status() throws IOException {
        Response response = send("GET", "/status");
        assertThat(response.statusCode()).isEqualTo(200);
        return EgretJson.mapper().readValue(response.body(), TopologyRuntimeStatus.class);
    }

    /** java.net.http is not read by the executor module, so the test speaks HTTP through java.base. */
    private static Response send(String method, String path) throws IOException {
        TopologyMasterLocation master = topology.masterLocation();
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + master.controllerEndpoint() + path)
                .toURL()
                .openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(20_000);
        connection.setRequestMethod(method);
        try {
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            return new Response(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }

    private record Response(int statusCode, String body) {}
}
