package io.egret.api;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires spouts and bolts into a topology.
 *
 * <pre>{@code
 * TopologyBuilder builder = new TopologyBuilder();
 * builder.setSpout("sentence", new SentenceSpout(), 2);
 * builder.setBolt("split", new SplitBolt(), 4).shuffleGrouping("sentence");
 * builder.setBolt("count", new CountBolt(), 4).fieldsGrouping("split", new Fields("word"));
 * TopologySubmitter.submitTopology("word-count", new Config().setNumStmgrs(2), builder.createTopology());
 * }</pre>
 */
public final class TopologyBuilder {
    private final Map<String, Declaration> declarations = new LinkedHashMap<>();

    /** Adds a spout with one instance. */
    public SpoutDeclarer setSpout(String name, Spout spout) {
        return setSpout(name, spout, 1);
    }

    /** Adds a spout with {@code parallelism} instances. */
    public SpoutDeclarer setSpout(String name, Spout spout, int parallelism) {
        Declaration declaration =
                declare(name, ComponentKind.SPOUT, requireNonNull(spout, "spout is null"), parallelism);
        return new SpoutDeclarer(declaration);
    }

    /** Adds a bolt with one instance. */
    public BoltDeclarer setBolt(String name, Bolt bolt) {
        return setBolt(name, bolt, 1);
    }

    /** Adds a bolt with {@code parallelism} instances; subscribe it to streams through the returned declarer. */
    public BoltDeclarer setBolt(String name, Bolt bolt, int parallelism) {
        Declaration declaration = declare(name, ComponentKind.BOLT, requireNonNull(bolt, "bolt is null"), parallelism);
        return new BoltDeclarer(declaration);
    }

    /**
     * Serializes every spout and bolt as configured now and returns the topology. Later changes to the builder or
     * to the spout and bolt objects do not affect it.
     *
     * @throws IllegalArgumentException if a spout or bolt cannot be serialized
     */
    public Topology createTopology() {
        List<Topology.Component> components = new ArrayList<>();
        for (Declaration declaration : declarations.values()) {
            components.add(new Topology.Component(
                    declaration.name,
                    declaration.kind,
                    declaration.parallelism,
                    declaration.instance.getClass().getName(),
                    declaredOutputs(declaration),
                    declaration.inputs,
                    declaration.config,
                    serialize("component '" + declaration.name + "'", declaration.instance)));
        }
        return new Topology(components);
    }

    private Declaration declare(String name, ComponentKind kind, Serializable instance, int parallelism) {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.contains(",") || name.contains(":")) {
            throw new IllegalArgumentException("component name '" + name + "' must be non-blank without ',' or ':'");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism of '" + name + "' must be at least 1, got " + parallelism);
        }
        if (declarations.containsKey(name)) {
            throw new IllegalArgumentException("component '" + name + "' is declared twice");
        }
        Declaration declaration = new Declaration(name, kind, instance, parallelism);
        declarations.put(name, declaration);
        return declaration;
    }

    private static List<StreamDeclaration> declaredOutputs(Declaration declaration) {
        CollectingDeclarer declarer = new CollectingDeclarer();
        if (declaration.instance instanceof Spout spout) {
            spout.declareOutputFields(declarer);
        } else if (declaration.instance instanceof Bolt bolt) {
            bolt.declareOutputFields(declarer);
        }
        return declarer.streams();
    }

    /** Java-serializes a spout, bolt or grouping; {@code what} names it in the error. */
    private static byte[] serialize(String what, Serializable instance) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
            output.writeObject(instance);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    what + " (" + instance.getClass().getName() + ") cannot be serialized: " + e.getMessage()
                            + "; make its fields serializable or transient",
                    e);
        }
        return bytes.toByteArray();
    }

    /** Collects {@code declareOutputFields} calls into stream declarations. */
    static final class CollectingDeclarer implements OutputFieldsDeclarer {
        private final Map<String, StreamDeclaration> streams = new LinkedHashMap<>();

        @Override
        public void declare(Fields fields) {
            declareStream(StreamDeclaration.DEFAULT_STREAM, fields);
        }

        @Override
        public void declareStream(String stream, Fields fields) {
            requireNonNull(stream, "stream is null");
            requireNonNull(fields, "fields is null");
            if (streams.put(stream, new StreamDeclaration(stream, fields.toList())) != null) {
                throw new IllegalArgumentException("stream '" + stream + "' is declared twice");
            }
        }

        List<StreamDeclaration> streams() {
            return List.copyOf(streams.values());
        }
    }

    private static final class Declaration {
        private final String name;
        private final ComponentKind kind;
        private final Serializable instance;
        private final int parallelism;
        private final List<StreamInput> inputs = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();

        private Declaration(String name, ComponentKind kind, Serializable instance, int parallelism) {
            this.name = name;
            this.kind = kind;
            this.instance = instance;
            this.parallelism = parallelism;
        }
    }

    /** Sets per-component options of a spout. */
    public static final class SpoutDeclarer {
        private final Declaration declaration;

        private SpoutDeclarer(Declaration declaration) {
            this.declaration = declaration;
        }

        /** Adds a component config entry, passed to {@link Spout#open} together with the topology config. */
        public SpoutDeclarer addConfiguration(String key, String value) {
            declaration.config.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }
    }

    /** Subscribes a bolt to streams and sets its per-component options. */
    public static final class BoltDeclarer {
        private final Declaration declaration;

        private BoltDeclarer(Declaration declaration) {
            this.declaration = declaration;
        }

        /** Receives the default stream of {@code component}, spread evenly over this bolt's instances. */
        public BoltDeclarer shuffleGrouping(String component) {
            return shuffleGrouping(component, StreamDeclaration.DEFAULT_STREAM);
        }

        /** Receives a stream of {@code component}, spread evenly over this bolt's instances. */
        public BoltDeclarer shuffleGrouping(String component, String stream) {
            return subscribe(component, stream, Grouping.shuffle());
        }

        /** Receives the default stream; tuples with equal values in {@code fields} go to the same instance. */
        public BoltDeclarer fieldsGrouping(String component, Fields fields) {
            return fieldsGrouping(component, StreamDeclaration.DEFAULT_STREAM, fields);
        }

        /** Receives a stream; tuples with equal values in {@code fields} go to the same instance. */
        public BoltDeclarer fieldsGrouping(String component, String stream, Fields fields) {
            requireNonNull(fields, "fields is null");
            return subscribe(component, stream, new Grouping.Fields(fields.toList()));
        }

        /** Receives the default stream; every instance gets every tuple. */
        public BoltDeclarer allGrouping(String component) {
            return allGrouping(component, StreamDeclaration.DEFAULT_STREAM);
        }

        /** Receives a stream; every instance gets every tuple. */
        public BoltDeclarer allGrouping(String component, String stream) {
            return subscribe(component, stream, Grouping.all());
        }

        /** Receives the default stream; all tuples go to the instance with the lowest task id. */
        public BoltDeclarer globalGrouping(String component) {
            return globalGrouping(component, StreamDeclaration.DEFAULT_STREAM);
        }

        /** Receives a stream; all tuples go to the instance with the lowest task id. */
        public BoltDeclarer globalGrouping(String component, String stream) {
            return subscribe(component, stream, Grouping.global());
        }

        /** Receives the default stream's tuples that {@code component} emits directly to one of this bolt's tasks. */
        public BoltDeclarer directGrouping(String component) {
            return directGrouping(component, StreamDeclaration.DEFAULT_STREAM);
        }

        /**
         * Receives the tuples of a stream that {@code component} emits directly to one of this bolt's tasks
         * ({@code emitDirect}); plain emits on the stream do not reach this bolt.
         */
        public BoltDeclarer directGrouping(String component, String stream) {
            return subscribe(component, stream, Grouping.direct());
        }

        /** Receives the default stream; any instance may get a tuple (spread as by a shuffle grouping). */
        public BoltDeclarer noneGrouping(String component) {
            return noneGrouping(component, StreamDeclaration.DEFAULT_STREAM);
        }

        /** Receives a stream; any instance may get a tuple (spread as by a shuffle grouping). */
        public BoltDeclarer noneGrouping(String component, String stream) {
            return subscribe(component, stream, Grouping.none());
        }

        /** Receives the default stream, routed by the author's {@code grouping}. */
        public BoltDeclarer customGrouping(String component, CustomStreamGrouping grouping) {
            return customGrouping(component, StreamDeclaration.DEFAULT_STREAM, grouping);
        }

        /**
         * Receives a stream, routed by the author's {@code grouping}, which is serialized now like a spout or bolt.
         *
         * @throws IllegalArgumentException if the grouping cannot be serialized
         */
        public BoltDeclarer customGrouping(String component, String stream, CustomStreamGrouping grouping) {
            requireNonNull(grouping, "grouping is null");
            return subscribe(
                    component,
                    stream,
                    new Grouping.Custom(
                            grouping.getClass().getName(),
                            serialize("custom grouping of '" + declaration.name + "'", grouping)));
        }

        /** Seconds between tick tuples to this bolt's instances; overrides the topology's setting. */
        public BoltDeclarer setTickTupleFrequency(int seconds) {
            if (seconds < 1) {
                throw new IllegalArgumentException(
                        "the tick tuple frequency must be at least 1 second, got " + seconds);
            }
            declaration.config.put(TopologyConfig.TICK_TUPLE_FREQ_SECS, Integer.toString(seconds));
            return this;
        }

        /** Adds a component config entry, passed to {@link Bolt#prepare} together with the topology config. */
        public BoltDeclarer addConfiguration(String key, String value) {
            declaration.config.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
            return this;
        }

        private BoltDeclarer subscribe(String component, String stream, Grouping grouping) {
            declaration.inputs.add(new StreamInput(
                    requireNonNull(component, "component is null"),
                    requireNonNull(stream, "stream is null"),
                    grouping));
            return this;
        }
    }
}
