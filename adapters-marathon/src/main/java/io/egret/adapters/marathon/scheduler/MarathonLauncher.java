package io.egret.adapters.marathon.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.adapters.marathon.group.GroupDefinition;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.topology.TopologyConfig;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import java.net.ConnectException;
import java.util.Optional;

/**
 * Posts the topology's group to Marathon, one app per container, and returns once Marathon accepted it (201):
 * Marathon then deploys it on its own, and the topology master reports when it runs. A group that already exists
 * is refused by Marathon (409) and left alone.
 */
public final class MarathonLauncher implements LauncherPort {
    private final MarathonAdapterConfig config;
    private final MarathonClient client;
    private final RefusedLaunches refused;

    public MarathonLauncher(MarathonAdapterConfig config, MarathonClient client, RefusedLaunches refused) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.refused = requireNonNull(refused, "refused is null");
    }

    @Override
    public void launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        GroupDefinition definition = definition(config, request);
        ObjectNode group = definition.group(request.packingPlan().containers());
        String operation = "submit topology '" + definition.name() + "' as Marathon group " + definition.groupId();
        MarathonResponse response;
        try {
            response = client.send("POST", "/v2/groups", Optional.of(group));
        } catch (EgretException e) {
            if (e.getCause() instanceof ConnectException) {
                refused.record(definition.id());
            }
            throw e;
        }
        if (response.status() >= 400 && response.status() < 500) {
            refused.record(definition.id());
        }
        if (response.status() == 409) {
            throw EgretException.conflict(operation + ": Marathon says '" + response.message() + "'; "
                    + Groups.describeOwner(client, definition.groupId())
                    + "; if it is a leftover of this topology run 'heron kill' for it, else rename the topology");
        }
        client.expect(response, operation, 201);
    }

    /** The request {@link #launch} would send: method, URI, auth header (redacted) and the group JSON. */
    @Override
    public Optional<String> preview(LaunchRequest request) {
        requireNonNull(request, "request is null");
        GroupDefinition definition = definition(config, request);
        ObjectNode group = definition.group(request.packingPlan().containers());
        StringBuilder text = new StringBuilder("POST ")
                .append(client.baseUri().toString().replaceAll("/$", ""))
                .append("/v2/groups\n");
        // SecretValue prints as its mask: the token itself never reaches the preview.
        config.authToken()
                .ifPresent(token ->
                        text.append("Authorization: token=").append(token).append('\n'));
        text.append("Content-Type: application/json\n\n");
        try {
            text.append(MarathonClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(group));
        } catch (JsonProcessingException e) {
            throw EgretException.internal("cannot render the Marathon group: " + e.getOriginalMessage(), e);
        }
        return Optional.of(text.toString());
    }

    /** The group definition a launch request stands for; it checks the topology name against Marathon's id rule. */
    public static GroupDefinition definition(MarathonAdapterConfig config, LaunchRequest request) {
        ExecutionState state = request.executionState();
        GroupDefinition definition = new GroupDefinition(
                config,
                state.name(),
                state.id(),
                state.target(),
                request.topologyPackage().uri(),
                request.packingPlan().maxContainerResources(),
                new TopologyConfig(request.definition().config()).getBytes(TopologyConfig.STMGR_RAM));
        definition.groupId();
        return definition;
    }
}
