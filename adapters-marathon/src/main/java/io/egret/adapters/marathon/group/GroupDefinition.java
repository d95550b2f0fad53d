package io.egret.adapters.marathon.group;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.ExecutorHeap;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON Marathon gets for a topology: a group with one app per container. Every app asks for the same
 * resources, those of the largest container, so that any container can be restarted or replaced where another
 * fitted; the topology master's container has no plan of its own and gets the same.
 *
 * @param topologyPackage where containers fetch the topology package
 * @param resources what each container asks for
 * @param streamManagerRam the topology's {@code topology.stmgr.ram}, when it sets one: the share of a container's
 *     RAM its executor's heap leaves out (see {@link ExecutorHeap}); kept as a label, for containers an update adds
 */
public record GroupDefinition(
        MarathonAdapterConfig config,
        TopologyName name,
        TopologyId id,
        ClusterTarget target,
        URI topologyPackage,
        Resources resources,
        Optional<ByteAmount> streamManagerRam) {
    /** Label keys on every app: which topology, on which cluster, and which container it is. */
    public static final String LABEL_CLUSTER = "heron.cluster";

    public static final String LABEL_ROLE = "heron.role";
    public static final String LABEL_ENVIRON = "heron.environ";
    public static final String LABEL_TOPOLOGY = "heron.topology";
    public static final String LABEL_TOPOLOGY_ID = "heron.topology.id";
    public static final String LABEL_CONTAINER = "heron.container";
    /** Where the package is, so that containers added by an update fetch the same one. */
    public static final String LABEL_PACKAGE = "heron.package.uri";
    /** The topology's {@code topology.stmgr.ram} in bytes, when it sets one: the heap of added containers needs it. */
    public static final String LABEL_STMGR_RAM = "heron.stmgr.ram";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MIN_MEGABYTES = 32;

    public GroupDefinition {
        requireNonNull(config, "config is null");
        requireNonNull(name, "name is null");
        requireNonNull(id, "id is null");
        requireNonNull(target, "target is null");
        requireNonNull(topologyPackage, "topologyPackage is null");
        requireNonNull(resources, "resources is null");
        requireNonNull(streamManagerRam, "streamManagerRam is null");
    }

    public String groupId() {
        return MarathonIds.groupId(name);
    }

    /** {@code {"id": group, "apps": [...]}}: the topology master's container 0 and the given containers. */
    public ObjectNode group(Collection<ContainerPlan> containers) {
        ObjectNode group = NODES.objectNode();
        group.put("id", groupId());
        ArrayNode apps = group.putArray("apps");
        apps.add(topologyMasterApp());
        containers.stream()
                .sorted(Comparator.comparingInt(ContainerPlan::id))
                .forEach(container -> apps.add(app(container)));
        return group;
    }

    /** The app of container 0, which runs the topology master and no instances. */
    public ObjectNode topologyMasterApp() {
        return app(0, ExecutorHeap.TOPOLOGY_MASTER_HEAP_MB);
    }

    /** One packed container's app, its executor's heap bounded by the container's RAM in the plan. */
    public ObjectNode app(ContainerPlan container) {
        Map<String, String> heapConfig = streamManagerRam
                .map(ram -> Map.of(TopologyConfig.STMGR_RAM, Long.toString(ram.bytes())))
                .orElse(Map.of());
        return app(container.id(), ExecutorHeap.megabytes(container, new TopologyConfig(heapConfig)));
    }

    private ObjectNode app(int containerId, long heapMb) {
        ObjectNode app = NODES.objectNode();
        app.put("id", MarathonIds.appId(groupId(), containerId));
        app.put(
                "cmd",
                ExecutorCommand.render(config.executor(), name, id, target, topologyPackage, containerId, heapMb));
        app.put("cpus", resources.cpu());
        app.put("mem", Math.max(MIN_MEGABYTES, resources.ram().megabytes()));
        app.put("disk", resources.disk().megabytes());
        app.put("instances", 1);
        config.dockerImage().ifPresent(image -> {
            ObjectNode container = app.putObject("container");
            container.put("type", "DOCKER");
            ObjectNode docker = container.putObject("docker");
            docker.put("image", image);
            docker.put("forcePullImage", false);
            docker.put("privileged", false);
        });
        // Host networking: the ports Marathon assigns are the ports the executor listens on and records in the
        // state store, so other containers and the CLI reach them as recorded.
        app.putArray("networks").addObject().put("mode", "host");
        ArrayNode ports = app.putArray("portDefinitions");
        for (String portName : ExecutorCommand.PORT_NAMES) {
            ports.addObject().put("port", 0).put("protocol", "tcp").put("name", portName);
        }
        config.executor()
                .corePackageUri()
                .ifPresent(core -> app.putArray("fetch")
                        .addObject()
                        .put("uri", core.toString())
                        .put("extract", true)
                        .put("executable", false)
                        .put("cache", false));
        ObjectNode labels = app.putObject("labels");
        labels.put(LABEL_CLUSTER, target.cluster());
        labels.put(LABEL_ROLE, target.role());
        labels.put(LABEL_ENVIRON, target.environ());
        labels.put(LABEL_TOPOLOGY, name.value());
        labels.put(LABEL_TOPOLOGY_ID, id.value());
        labels.put(LABEL_CONTAINER, Integer.toString(containerId));
        labels.put(LABEL_PACKAGE, topologyPackage.toString());
        streamManagerRam.ifPresent(ram -> labels.put(LABEL_STMGR_RAM, Long.toString(ram.bytes())));
        app.putArray("healthChecks").add(healthCheck(containerId));
        // One incarnation of a container at a time: two topology masters, or two stream managers of one container,
        // would both register in the state store.
        app.putObject("upgradeStrategy").put("minimumHealthCapacity", 0).put("maximumOverCapacity", 0);
        app.put("backoffSeconds", 1);
        app.put("backoffFactor", 1.15);
        app.put("maxLaunchDelaySeconds", 300);
        return app;
    }

    /** The topology master answers {@code GET /health}; the other containers accept connections on their port. */
    private static ObjectNode healthCheck(int containerId) {
        ObjectNode check = NODES.objectNode();
        if (containerId == 0) {
            check.put("protocol", "MESOS_HTTP");
            check.put("path", "/health");
            check.put("portIndex", ExecutorCommand.CONTROL_PORT_INDEX);
        } else {
            check.put("protocol", "MESOS_TCP");
            check.put("portIndex", ExecutorCommand.SERVER_PORT_INDEX);
        }
        check.put("gracePeriodSeconds", 300);
        check.put("intervalSeconds", 10);
        check.put("timeoutSeconds", 5);
        check.put("maxConsecutiveFailures", 3);
        return check;
    }
}
