package io.egret.adapters.marathon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.marathon.simulator.MarathonSimulator;
import io.egret.domain.config.SecretValue;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Marathon's error answers, as the simulator gives them, turned into one line with the right exit code. */
final class MarathonClientTest {
    private MarathonSimulator simulator;
    private MarathonClient client;

    @BeforeEach
    void start() {
        simulator = MarathonSimulator.builder()
                .agents(List.of(new MarathonSimulator.Agent(1, 512, 1024)))
                .token("t0k3n")
                .start();
        client = new MarathonClient(
                simulator.uri(), Optional.of(new SecretValue("t0k3n")), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static ObjectNode app(String id, double cpus) {
        ObjectNode app = JsonNodeFactory.instance.objectNode();
        app.put("id", id)
                .put("cmd", "sleep 1000")
                .put("cpus", cpus)
                .put("mem", 64)
                .put("instances", 1);
        return app;
    }

    @Test
    void validationFailuresListMarathonsDetailsPerPath() {
        ObjectNode bad = app("/heron/Bad_Name", 0);
        bad.put("args", "both");

        MarathonResponse response = client.send("POST", "/v2/apps", Optional.of(bad));

        assertThat(response.status()).isEqualTo(422);
        assertThatThrownBy(() -> client.expect(response, "create app", 201))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("answered 422: Object is not valid")
                .hasMessageContaining("/id: must fully match regular expression")
                .hasMessageContaining("/cpus: error.min")
                .hasMessageContaining("must either contain one of 'cmd' or 'args'");
    }

    @Test
    void anAppLockedByADeploymentNamesTheDeployment() {
        // Larger than the only agent: its start deployment never finishes, so it keeps the app locked.
        MarathonResponse created = client.send("POST", "/v2/apps", Optional.of(app("/locked", 2)));
        assertThat(created.status()).isEqualTo(201);
        String deployment = created.deploymentId().orElseThrow();

        MarathonResponse restart = client.send("POST", "/v2/apps/locked/restart", Optional.empty());

        assertThat(restart.status()).isEqualTo(409);
        assertThatThrownBy(() -> client.expect(restart, "restart", 200))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("App is locked by one or more deployments")
                .hasMessageContaining("running deployments: " + deployment);
        JsonNode deployments = client.get("/v2/deployments").body();
        assertThat(deployments
                        .get(0)
                        .path("currentActions")
                        .get(0)
                        .path("action")
                        .asText())
                .isEqualTo("StartApplication");
        assertThat(client.send("POST", "/v2/apps/locked/restart?force=true", Optional.empty())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void unknownThingsAreNotFoundAndAnExistingAppIsAConflict() {
        assertThat(client.send("POST", "/v2/apps", Optional.of(app("/once", 0.1)))
                        .status())
                .isEqualTo(201);
        MarathonResponse again = client.send("POST", "/v2/apps", Optional.of(app("/once", 0.1)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.message()).isEqualTo("An app with id [/once] already exists.");

        MarathonResponse missing = client.get("/v2/groups/nothing/here");
        assertThatThrownBy(() -> client.expect(missing, "read group", 200))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("Group '/nothing/here' does not exist");
    }
}
