package io.egret.adapters.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.adapters.marathon.group.GroupDefinition;
import io.egret.adapters.marathon.group.MarathonIds;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.TopologyHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading a topology's group: its apps, and whose they are. */
final class Groups {
    private Groups() {}

    /** Which topology the apps were launched for, from their labels. */
    static String owner(List<JsonNode> apps) {
        if (apps.isEmpty()) {
            return "the group holds no container of a Heron topology";
        }
        JsonNode labels = apps.get(0).path("labels");
        String owner = labels.path(GroupDefinition.LABEL_TOPOLOGY).asText("");
        return owner.isEmpty()
                ? "its apps were not made by heron"
                : "it runs topology '" + owner + "' (id "
                        + labels.path(GroupDefinition.LABEL_TOPOLOGY_ID).asText()
                        + ") on " + labels.path(GroupDefinition.LABEL_CLUSTER).asText() + "/"
                        + labels.path(GroupDefinition.LABEL_ROLE).asText() + "/"
                        + labels.path(GroupDefinition.LABEL_ENVIRON).asText();
    }

    /** The group's apps, or empty when there is no such group. */
    static Optional<List<JsonNode>> apps(MarathonClient client, String groupId, String operation) {
        MarathonResponse response = client.get("/v2/groups" + groupId + "?embed=group.apps");
        if (response.status() == 404) {
            return Optional.empty();
        }
        client.expect(response, operation, 200);
        List<JsonNode> apps = new ArrayList<>();
        for (JsonNode app : response.body().path("apps")) {
            if (MarathonIds.containerId(groupId, app.path("id").asText()).isPresent()) {
                apps.add(app);
            }
        }
        return Optional.of(apps);
    }

    static OptionalInt containerId(String groupId, JsonNode app) {
        return MarathonIds.containerId(groupId, app.path("id").asText());
    }

    /**
     * Whether every app of the group was launched for this incarnation: same topology name and topology id in its
     * labels. Two names can map to one Marathon id, and a group can outlive the state of its topology.
     */
    static boolean owned(List<JsonNode> apps, TopologyHandle topology) {
        for (JsonNode app : apps) {
            JsonNode labels = app.path("labels");
            if (!labels.path(GroupDefinition.LABEL_TOPOLOGY)
                            .asText("")
                            .equals(topology.name().value())
                    || !labels.path(GroupDefinition.LABEL_TOPOLOGY_ID)
                            .asText("")
                            .equals(topology.id().value())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses to act on a group whose apps belong to another topology or another incarnation of this one.
     *
     * @throws EgretException {@code CONFLICT} naming the owner
     */
    static void requireOwner(MarathonClient client, List<JsonNode> apps, TopologyHandle topology, String groupId) {
        if (!owned(apps, topology)) {
            throw EgretException.conflict("Marathon group " + groupId + " is not the one launched for topology '"
                    + topology.name() + "' (id " + topology.id() + "): " + owner(apps) + "; it is left alone");
        }
    }

    /** Who owns an existing group, for the message of a refused submit. */
    static String describeOwner(MarathonClient client, String groupId) {
        try {
            Optional<List<JsonNode>> apps = apps(client, groupId, "read group " + groupId);
            if (apps.isEmpty() || apps.get().isEmpty()) {
                return "the group holds no container of a Heron topology";
            }
            JsonNode labels = apps.get().get(0).path("labels");
            String owner = labels.path(GroupDefinition.LABEL_TOPOLOGY).asText("");
            return owner.isEmpty()
                    ? "its apps were not made by heron"
                    : "it runs topology '" + owner + "' (id "
                            + labels.path(GroupDefinition.LABEL_TOPOLOGY_ID).asText()
                            + ") on "
                            + labels.path(GroupDefinition.LABEL_CLUSTER).asText() + "/"
                            + labels.path(GroupDefinition.LABEL_ROLE).asText() + "/"
                            + labels.path(GroupDefinition.LABEL_ENVIRON).asText();
        } catch (EgretException e) {
            // Only detail for a refusal that is reported anyway.
            return "who owns it is unknown (" + e.getMessage() + ")";
        }
    }
}
