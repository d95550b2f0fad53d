package io.egret.adapters.marathon.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.adapters.marathon.group.GroupDefinition;
import io.egret.adapters.marathon.group.MarathonIds;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.TopologyHandle;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * A topology's Marathon group, after launch. Kill suspends the group (scale to 0) and waits for that deployment,
 * then deletes the group; only a deployment that is stuck (a container Marathon cannot place) is overridden with
 * {@code force}. Restart, add and remove act on single apps; status reads the apps with their tasks and the launch
 * queue. It acts only on groups whose apps carry the topology's own name.
 */
public final class MarathonScheduler implements SchedulerPort {
    private final MarathonAdapterConfig config;
    private final MarathonClient client;
    private final Deployments deployments;
    private final RefusedLaunches refused;

    public MarathonScheduler(MarathonAdapterConfig config, MarathonClient client, RefusedLaunches refused) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.refused = requireNonNull(refused, "refused is null");
        this.deployments = new Deployments(client, config.pollInterval());
    }

    @Override
    public SchedulerCapabilities capabilities() {
        return SchedulerCapabilities.all();
    }

    @Override
    public void kill(TopologyHandle topology, Duration timeout) {
        requireNonNull(topology, "topology is null");
        requireNonNull(timeout, "timeout is null");
        if (refused.contains(topology.id())) {
            return;
        }
        Instant deadline = Instant.now().plus(timeout);
        String groupId = MarathonIds.groupId(topology.name());
        String operation = "kill topology '" + topology.name() + "' (Marathon group " + groupId + ")";
        Optional<List<JsonNode>> apps = Groups.apps(client, groupId, operation);
        if (apps.isEmpty() || !Groups.owned(apps.get(), topology)) {
            // Another topology's group, or one left by another incarnation: nothing of this one runs there.
            return;
        }

        ObjectNode suspend = JsonNodeFactory.instance.objectNode().put("scaleBy", 0);
        Optional<MarathonResponse> suspended =
                changeGroup("PUT", "/v2/groups" + groupId, Optional.of(suspend), operation + ": suspend");
        if (suspended.isEmpty()) {
            return;
        }
        // A stuck suspension (a task that does not stop) must not keep the group: the delete below forces it.
        suspended.get().deploymentId().ifPresent(id -> deployments.awaitDone(id, deadline, operation));

        Optional<MarathonResponse> deleted =
                changeGroup("DELETE", "/v2/groups" + groupId, Optional.empty(), operation + ": delete");
        if (deleted.isPresent() && deleted.get().deploymentId().isPresent()) {
            String deployment = deleted.get().deploymentId().get();
            if (!deployments.awaitDone(deployment, deadline, operation)) {
                throw EgretException.internal(
                        operation + ": Marathon's deployment " + deployment + " deleting the group did not finish"
                                + " within " + timeout + "; see " + client.baseUri() + "/v2/deployments",
                        null);
            }
        }
        if (Groups.apps(client, groupId, operation).isPresent()) {
            throw EgretException.internal(
                    operation + ": the group still exists after Marathon deleted it; run kill again", null);
        }
    }

    /**
     * Sends a change to the group; when a running deployment locks it (409), sends it again with {@code force}, which
     * cancels that deployment: the one change that may override a stuck deployment is taking the group down.
     *
     * @return empty when the group is gone
     */
    private Optional<MarathonResponse> changeGroup(
            String method, String path, Optional<JsonNode> body, String operation) {
        MarathonResponse response = client.send(method, path, body);
        if (response.status() == 409) {
            response = client.send(method, path + "?force=true", body);
        }
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(client.expect(response, operation, 200, 202));
    }

    @Override
    public void restart(TopologyHandle topology, OptionalInt containerId) {
        requireNonNull(topology, "topology is null");
        requireNonNull(containerId, "containerId is null");
        String groupId = MarathonIds.groupId(topology.name());
        String operation = "restart topology '" + topology.name() + "'";
        List<JsonNode> apps = Groups.apps(client, groupId, operation)
                .orElseThrow(() -> EgretException.notFound(
                        operation + ": Marathon has no group " + groupId + " (was it destroyed outside heron?)"));
        Groups.requireOwner(client, apps, topology, groupId);
        List<String> appIds = new ArrayList<>();
        if (containerId.isPresent()) {
            String appId = MarathonIds.appId(groupId, containerId.getAsInt());
            if (apps.stream().noneMatch(app -> app.path("id").asText().equals(appId))) {
                throw EgretException.notFound(operation + ": topology '" + topology.name() + "' has no container "
                        + containerId.getAsInt() + " (no Marathon app " + appId + ")");
            }
            appIds.add(appId);
        } else {
            apps.stream()
                    .sorted(Comparator.comparingInt(
                            app -> Groups.containerId(groupId, app).orElse(-1)))
                    .forEach(app -> appIds.add(app.path("id").asText()));
        }
        for (String appId : appIds) {
            MarathonResponse response = client.send("POST", "/v2/apps" + appId + "/restart", Optional.empty());
            client.expect(response, operation + " container " + appId.substring(groupId.length() + 1), 200);
        }
    }

    @Override
    public void addContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        requireNonNull(topology, "topology is null");
        requireNonNull(containers, "containers is null");
        if (containers.isEmpty()) {
            return;
        }
        String groupId = MarathonIds.groupId(topology.name());
        String operation = "add containers to topology '" + topology.name() + "'";
        List<JsonNode> apps = Groups.apps(client, groupId, operation)
                .orElseThrow(() -> EgretException.notFound(operation + ": Marathon has no group " + groupId));
        Groups.requireOwner(client, apps, topology, groupId);
        JsonNode template = apps.stream()
                .filter(app -> app.path("labels").has(GroupDefinition.LABEL_PACKAGE))
                .findFirst()
                .orElseThrow(() -> EgretException.conflict(
                        operation + ": the group's apps do not say where the topology package is"));
        Resources resources =
                containers.stream().map(ContainerPlan::required).reduce(existingResources(template), Resources::max);
        JsonNode labels = template.path("labels");
        GroupDefinition definition = new GroupDefinition(
                config,
                topology.name(),
                TopologyId.of(labels.path(GroupDefinition.LABEL_TOPOLOGY_ID).asText()),
                topology.target(),
                URI.create(labels.path(GroupDefinition.LABEL_PACKAGE).asText()),
                resources,
                labels.hasNonNull(GroupDefinition.LABEL_STMGR_RAM)
                        ? new TopologyConfig(Map.of(
                                        TopologyConfig.STMGR_RAM,
                                        labels.get(GroupDefinition.LABEL_STMGR_RAM)
                                                .asText()))
                                .getBytes(TopologyConfig.STMGR_RAM)
                        : Optional.empty());
        for (ContainerPlan container : containers.stream()
                .sorted(Comparator.comparingInt(ContainerPlan::id))
                .toList()) {
            MarathonResponse response = client.send("POST", "/v2/apps", Optional.of(definition.app(container)));
            client.expect(response, operation + ": container " + container.id(), 201);
        }
    }

    private static Resources existingResources(JsonNode app) {
        return new Resources(
                app.path("cpus").asDouble(),
                ByteAmount.ofMegabytes(app.path("mem").asLong()),
                ByteAmount.ofMegabytes(app.path("disk").asLong()));
    }

    @Override
    public void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        requireNonNull(topology, "topology is null");
        requireNonNull(containers, "containers is null");
        String groupId = MarathonIds.groupId(topology.name());
        String operation = "remove containers of topology '" + topology.name() + "'";
        Instant deadline = Instant.now().plus(config.deploymentTimeout());
        List<String> pending = new ArrayList<>();
        for (ContainerPlan container : containers) {
            String appId = MarathonIds.appId(groupId, container.id());
            // DELETE of an app defaults to force=true: removing a container overrides its deployment.
            MarathonResponse response = client.send("DELETE", "/v2/apps" + appId, Optional.empty());
            if (response.status() == 404) {
                continue;
            }
            client.expect(response, operation + ": container " + container.id(), 200);
            response.deploymentId().ifPresent(pending::add);
        }
        for (String deployment : pending) {
            if (!deployments.awaitDone(deployment, deadline, operation)) {
                throw EgretException.internal(
                        operation + ": Marathon's deployment " + deployment + " did not finish within "
                                + config.deploymentTimeout(),
                        null);
            }
        }
    }

    @Override
    public List<ContainerStatus> status(TopologyHandle topology) {
        requireNonNull(topology, "topology is null");
        String groupId = MarathonIds.groupId(topology.name());
        String operation = "read the status of topology '" + topology.name() + "'";
        MarathonResponse appsResponse = client.expect(
                client.get("/v2/apps?id=" + groupId + "/&embed=apps.tasks&embed=apps.lastTaskFailure"), operation, 200);
        Map<Integer, JsonNode> apps = new HashMap<>();
        for (JsonNode app : appsResponse.body().path("apps")) {
            OptionalInt containerId = Groups.containerId(groupId, app);
            if (containerId.isPresent() && Groups.owned(List.of(app), topology)) {
                apps.put(containerId.getAsInt(), app);
            }
        }
        if (apps.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> queue = new HashMap<>();
        MarathonResponse queueResponse = client.expect(client.get("/v2/queue?embed=lastUnusedOffers"), operation, 200);
        for (JsonNode entry : queueResponse.body().path("queue")) {
            queue.put(entry.path("app").path("id").asText(), entry);
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> entry : new TreeMap<>(apps).entrySet()) {
            String appId = entry.getValue().path("id").asText();
            MarathonResponse versions = client.send("GET", "/v2/apps" + appId + "/versions", Optional.empty());
            if (versions.status() == 404) {
                // Deleted since the listing (a kill or update in flight): no longer a container of the topology.
                continue;
            }
            client.expect(versions, operation, 200);
            statuses.add(ContainerStates.of(
                    entry.getKey(),
                    entry.getValue(),
                    queue.getOrDefault(appId, com.fasterxml.jackson.databind.node.MissingNode.getInstance()),
                    Restarts.of(entry.getValue(), versions.body())));
        }
        return List.copyOf(statuses);
    }
}
