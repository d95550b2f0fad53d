package io.egret.adapters.marathon.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.adapters.marathon.group.GroupDefinition;
import io.egret.adapters.marathon.group.MarathonIds;
import io.egret.adapters.marathon.http.MarathonClient;
import io.egret.adapters.marathon.http.MarathonResponse;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading a topology's group: its apps, and whose they are. */
final class Groups {
    private Groups() {}

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
     * Refuses to act on a group whose apps belong to another topology: two names can map to one Marathon id.
     *
     * @throws EgretException {@code CONFLICT} naming the owner
     */
    static void requireOwner(List<JsonNode> apps, TopologyName name, String groupId) {
        for (JsonNode app : apps) {
            String owner =
                    app.path("labels").path(GroupDefinition.LABEL_TOPOLOGY).asText("");
            if (!owner.equals(name.value())) {
                throw EgretException.conflict("Marathon group " + groupId + " belongs to "
                        + (owner.isEmpty()
                                ? "no Heron topology (its apps carry no " + GroupDefinition.LABEL_TOPOLOGY + " label)"
                                : "topology '" + owner + "'")
                        + ", not to '" + name + "'; it is left alone");
            }
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
