package io.egret.heron.submit;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.heron.instance.HeronBoltAdapter;
import io.egret.heron.instance.HeronComponent;
import io.egret.heron.instance.HeronConfig;
import io.egret.heron.instance.HeronCustomGrouping;
import io.egret.heron.instance.HeronSpoutAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.generated.TopologyAPI;
import org.apache.heron.shaded.com.google.protobuf.InvalidProtocolBufferException;

/**
 * Turns the definition Heron's {@code HeronSubmitter} writes (a {@code TopologyAPI.Topology} protobuf) into Egret's
 * {@link TopologyDefinition}: spouts and bolts in declaration order with their parallelism, output streams and
 * fields, inputs and groupings, component config, and the topology config with Heron's keys as they are
 * ({@code topology.component.rammap} and friends), so that packing, fit checks, dry runs, state and update treat it
 * like any Egret topology. Each component carries the author's Heron object inside a {@link HeronSpoutAdapter} or
 * {@link HeronBoltAdapter}, which the container runs.
 */
public final class HeronDefinitionReader {
    /** The acking switch of Heron releases before {@code topology.reliability.mode}. */
    private static final String OLDER_ENABLE_ACKING = "topology.enable.acking";

    private HeronDefinitionReader() {}

    /**
     * @throws EgretException {@code USER_ERROR} if the bytes are not a Heron topology definition or it uses what
     *     Egret cannot run
     */
    public static TopologyDefinition read(byte[] protobuf) {
        TopologyAPI.Topology topology;
        try {
            topology = TopologyAPI.Topology.parseFrom(protobuf);
        } catch (InvalidProtocolBufferException e) {
            throw EgretException.userError(
                    "the Heron topology definition is not a TopologyAPI.Topology: " + e.getMessage());
        }
        return toDefinition(topology);
    }

    /** @throws EgretException {@code USER_ERROR} if the topology uses what Egret cannot run */
    public static TopologyDefinition toDefinition(TopologyAPI.Topology topology) {
        TopologyName name = TopologyName.of(topology.getName());
        byte[] shape = shape(topology).toByteArray();
        List<ComponentDefinition> components = new ArrayList<>();
        for (TopologyAPI.Spout spout : topology.getSpoutsList()) {
            TopologyAPI.Component component = spout.getComp();
            HeronComponent heron = heronComponent(component);
            components.add(new ComponentDefinition(
                    component.getName(),
                    ComponentKind.SPOUT,
                    parallelism(component),
                    heron.className(),
                    outputs(spout.getOutputsList()),
                    List.of(),
                    componentConfig(component),
                    serialize(new HeronSpoutAdapter(heron, shape))));
        }
        for (TopologyAPI.Bolt bolt : topology.getBoltsList()) {
            TopologyAPI.Component component = bolt.getComp();
            HeronComponent heron = heronComponent(component);
            components.add(new ComponentDefinition(
                    component.getName(),
                    ComponentKind.BOLT,
                    parallelism(component),
                    heron.className(),
                    outputs(bolt.getOutputsList()),
                    inputs(component.getName(), bolt.getInputsList(), shape),
                    componentConfig(component),
                    serialize(new HeronBoltAdapter(heron, shape))));
        }
        return new TopologyDefinition(name, components, topologyConfig(topology.getTopologyConfig()));
    }

    /** The topology without the components' objects: what a container's {@code TopologyContext} describes. */
    static TopologyAPI.Topology shape(TopologyAPI.Topology topology) {
        TopologyAPI.Topology.Builder builder = topology.toBuilder();
        for (TopologyAPI.Spout.Builder spout : builder.getSpoutsBuilderList()) {
            spout.getCompBuilder().clearSerializedObject();
        }
        for (TopologyAPI.Bolt.Builder bolt : builder.getBoltsBuilderList()) {
            bolt.getCompBuilder().clearSerializedObject();
        }
        return builder.build();
    }

    private static HeronComponent heronComponent(TopologyAPI.Component component) {
        return switch (component.getSpec()) {
            case JAVA_SERIALIZED_OBJECT ->
                new HeronComponent(
                        component.getName(),
                        className(component),
                        component.getSerializedObject().toByteArray());
            case JAVA_CLASS_NAME -> new HeronComponent(component.getName(), component.getClassName(), new byte[0]);
            case PYTHON_CLASS_NAME, CPP_CLASS_INFO ->
                throw EgretException.userError("component '"
                        + component.getName() + "' is a " + component.getSpec() + " component; Egret runs Java"
                        + " spouts and bolts only");
        };
    }

    /** The author's class, read from the serialized stream's first class descriptor (for messages and status). */
    private static String className(TopologyAPI.Component component) {
        if (component.hasClassName() && !component.getClassName().isBlank()) {
            return component.getClassName();
        }
        return SerializedClassName.of(component.getSerializedObject().toByteArray());
    }

    private static int parallelism(TopologyAPI.Component component) {
        String value = null;
        for (TopologyAPI.Config.KeyValue entry : component.getConfig().getKvsList()) {
            if (entry.getKey().equals(Config.TOPOLOGY_COMPONENT_PARALLELISM)) {
                value = entry.getValue();
            }
        }
        if (value == null) {
            return 1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw EgretException.userError("component '" + component.getName() + "' has parallelism '" + value
                    + "'; it must be a whole number");
        }
    }

    private static List<StreamDeclaration> outputs(List<TopologyAPI.OutputStream> streams) {
        List<StreamDeclaration> outputs = new ArrayList<>();
        for (TopologyAPI.OutputStream stream : streams) {
            outputs.add(new StreamDeclaration(stream.getStream().getId(), fields(stream.getSchema())));
        }
        return outputs;
    }

    private static List<String> fields(TopologyAPI.StreamSchema schema) {
        return schema.getKeysList().stream()
                .map(TopologyAPI.StreamSchema.KeyType::getKey)
                .toList();
    }

    private static List<StreamInput> inputs(String bolt, List<TopologyAPI.InputStream> streams, byte[] shape) {
        List<StreamInput> inputs = new ArrayList<>();
        for (TopologyAPI.InputStream stream : streams) {
            inputs.add(new StreamInput(
                    stream.getStream().getComponentName(), stream.getStream().getId(), grouping(bolt, stream, shape)));
        }
        return inputs;
    }

    private static Grouping grouping(String bolt, TopologyAPI.InputStream stream, byte[] shape) {
        return switch (stream.getGtype()) {
            case SHUFFLE -> Grouping.shuffle();
            case NONE -> Grouping.none();
            case FIELDS -> new Grouping.Fields(fields(stream.getGroupingFields()));
            case ALL -> Grouping.all();
            // Heron's global grouping: every tuple to the instance with the lowest task id.
            case LOWEST -> Grouping.global();
            case DIRECT -> Grouping.direct();
            case CUSTOM -> customGrouping(bolt, stream, shape);
        };
    }

    private static Grouping customGrouping(String bolt, TopologyAPI.InputStream stream, byte[] shape) {
        if (stream.getType() != TopologyAPI.CustomGroupingObjectType.JAVA_OBJECT) {
            throw EgretException.userError("bolt '" + bolt + "' subscribes to stream '"
                    + stream.getStream().getId()
                    + "' of '" + stream.getStream().getComponentName() + "' with a " + stream.getType()
                    + " custom grouping; Egret runs Java groupings only");
        }
        byte[] serialized = stream.getCustomGroupingObject().toByteArray();
        String className = SerializedClassName.of(serialized);
        HeronComponent grouping = new HeronComponent(
                "custom grouping of bolt '" + bolt + "' on '"
                        + stream.getStream().getComponentName() + "'",
                className,
                serialized);
        return new Grouping.Custom(className, serialize(new HeronCustomGrouping(grouping, shape)));
    }

    private static Map<String, String> componentConfig(TopologyAPI.Component component) {
        Map<String, String> config = config(component.getConfig());
        // Parallelism lives in the component definition, where heron update changes it.
        config.remove(Config.TOPOLOGY_COMPONENT_PARALLELISM);
        return config;
    }

    private static Map<String, String> topologyConfig(TopologyAPI.Config topologyConfig) {
        Map<String, String> config = config(topologyConfig);
        // Heron's older switches for acking mean at-least-once when no mode is given.
        if (!config.containsKey(TopologyConfig.RELIABILITY_MODE)
                && (Boolean.parseBoolean(config.getOrDefault(Config.TOPOLOGY_ENABLE_ACKING, "false"))
                        || Boolean.parseBoolean(config.getOrDefault(OLDER_ENABLE_ACKING, "false")))) {
            config.put(TopologyConfig.RELIABILITY_MODE, "ATLEAST_ONCE");
        }
        config.put(HeronConfig.TOPOLOGY_API_KEY, HeronConfig.HERON_API);
        return config;
    }

    private static Map<String, String> config(TopologyAPI.Config config) {
        Map<String, String> result = new HashMap<>();
        for (TopologyAPI.Config.KeyValue entry : config.getKvsList()) {
            switch (entry.getType()) {
                case STRING_VALUE -> result.put(entry.getKey(), entry.getValue());
                case JAVA_SERIALIZED_VALUE -> {
                    byte[] serialized = entry.getSerializedValue().toByteArray();
                    result.put(HeronConfig.SERIALIZED_PREFIX + entry.getKey(), HeronConfig.encode(serialized));
                    SerializedValues.simpleString(serialized).ifPresent(text -> result.put(entry.getKey(), text));
                }
                case PYTHON_SERIALIZED_VALUE ->
                    throw EgretException.userError("config value '" + entry.getKey()
                            + "' is Python-serialized; Egret runs Java topologies only");
            }
        }
        tickSeconds(result);
        return result;
    }

    /**
     * Heron sets the tick frequency in milliseconds ({@code topology.tick.tuple.freq.ms}); Egret ticks in whole
     * seconds ({@code topology.tick.tuple.freq.secs}): rounded to the nearest second, at least one.
     */
    private static void tickSeconds(Map<String, String> config) {
        String millis = config.get(Config.TOPOLOGY_TICK_TUPLE_FREQ_MS);
        if (millis == null || config.containsKey(TopologyConfig.TICK_TUPLE_FREQ_SECS)) {
            return;
        }
        try {
            long seconds = Math.max(1, Math.round(Long.parseLong(millis.trim()) / 1000.0));
            config.put(TopologyConfig.TICK_TUPLE_FREQ_SECS, Long.toString(seconds));
        } catch (NumberFormatException e) {
            throw EgretException.userError(Config.TOPOLOGY_TICK_TUPLE_FREQ_MS
                    + " must be a whole number of milliseconds, got '" + millis + "'");
        }
    }

    private static byte[] serialize(Serializable adapter) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
            output.writeObject(adapter);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serialize " + adapter.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }
}
