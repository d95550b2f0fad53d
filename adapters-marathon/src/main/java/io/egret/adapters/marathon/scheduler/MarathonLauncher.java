package io.egret.adapters.marathon.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.adapters.marathon.group.GroupDefinition;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Posts the topology's group to Marathon, one app per container, and returns once Marathon accepted it (201):
 * Marathon then deploys it on its own, and the topology master reports when it runs. A group that already exists
 * is refused by Marathon (409) and left alone.
 */
public final class MarathonLauncher implements LauncherPort {
    private final MarathonAdapterConfig config;
    private final MarathonClient client;

    public MarathonLauncher(MarathonAdapterConfig config, MarathonClient client) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public void launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        GroupDefinition definition = definition(config, request);
        ObjectNode group = definition.group(containerIds(request));
        String operation = "submit topology '" + definition.name() + "' as Marathon group " + definition.groupId();
        MarathonResponse response = client.send("POST", "/v2/groups", Optional.of(group));
        if (response.status() == 409) {
            throw EgretException.conflict(operation + ": Marathon says '" + response.message() + "'; "
                    + Groups.describeOwner(client, definition.groupId())
                    + "; if it is a leftover of this topology run 'heron kill' for it, else rename the topology");
        }
        client.expect(response, operation, 201);
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
                request.packingPlan().maxContainerResources());
        definition.groupId();
        return definition;
    }

    /** Container 0, the topology master, and every packed container. */
    public static List<Integer> containerIds(LaunchRequest request) {
        List<Integer> ids = new ArrayList<>();
        ids.add(0);
        request.packingPlan().containers().stream().map(ContainerPlan::id).forEach(ids::add);
        return ids;
    }
}
