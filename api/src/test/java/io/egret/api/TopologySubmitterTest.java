package io.egret.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TopologySubmitterTest {

    @TempDir
    Path directory;

    @Test
    void refusesToRunOutsideHeronSubmit() {
        String previous = System.clearProperty(TopologySubmitter.DEFINITION_FILE_PROPERTY);
        try {
            assertThatThrownBy(() -> TopologySubmitter.submitTopology("demo", new Config(), topology()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("run this topology with 'heron submit");
        } finally {
            restore(previous);
        }
    }

    @Test
    void writesTheDefinitionWhereHeronSubmitAsks() throws Exception {
        Path file = directory.resolve("demo.defn.json");
        String previous = System.setProperty(TopologySubmitter.DEFINITION_FILE_PROPERTY, file.toString());
        try {
            TopologySubmitter.submitTopology("demo", new Config().setNumStmgrs(2), topology());
        } finally {
            restore(previous);
        }

        TopologyDefinition definition = EgretJson.fromBytes(Files.readAllBytes(file), TopologyDefinition.class);
        assertThat(definition.name().value()).isEqualTo("demo");
        assertThat(definition.topologyConfig().streamManagers()).isEqualTo(2);
        assertThat(definition.componentNames()).containsExactly("numbers", "doubler");
        assertThat(Files.list(directory)).containsExactly(file);
    }

    @Test
    void describesComponentsWithSerializedInstancesAndWiring() throws Exception {
        TopologyDefinition definition = topology().toDefinition("demo", new Config());

        ComponentDefinition spout = definition.component("numbers").orElseThrow();
        assertThat(spout.kind()).isEqualTo(ComponentKind.SPOUT);
        assertThat(spout.parallelism()).isEqualTo(2);
        assertThat(spout.className()).isEqualTo(NumberSpout.class.getName());
        assertThat(spout.outputs()).containsExactly(new StreamDeclaration("default", List.of("number")));
        assertThat(deserialize(spout.serializedObject())).isInstanceOf(NumberSpout.class);

        ComponentDefinition bolt = definition.component("doubler").orElseThrow();
        assertThat(bolt.inputs())
                .containsExactly(
                        new StreamInput("numbers", "default", Grouping.fields("number")),
                        new StreamInput("numbers", "default", Grouping.all()));
        assertThat(bolt.config()).containsEntry("doubler.factor", "2");
        DoublingBolt copy = (DoublingBolt) deserialize(bolt.serializedObject());
        assertThat(copy.factor).isEqualTo(3);
    }

    @Test
    void putsResourcesUnderHeronKeys() {
        Config config = new Config()
                .setNumStmgrs(3)
                .setComponentRam("numbers", ByteAmount.fromMegabytes(512))
                .setComponentRam("doubler", ByteAmount.fromGigabytes(1))
                .setComponentCpu("numbers", 0.5)
                .setComponentDisk("doubler", ByteAmount.fromGigabytes(2))
                .setContainerRamRequested(ByteAmount.fromGigabytes(4))
                .setContainerCpuRequested(2)
                .setContainerDiskRequested(ByteAmount.fromBytes(8L << 30))
                .setComponentParallelism("doubler", 5);

        TopologyDefinition definition = topology().toDefinition("demo", config);
        TopologyConfig topologyConfig = definition.topologyConfig();

        assertThat(topologyConfig.componentRam("numbers").map(amount -> amount.bytes()))
                .contains(512L << 20);
        assertThat(topologyConfig.componentRam("doubler").map(amount -> amount.bytes()))
                .contains(1L << 30);
        assertThat(topologyConfig.componentCpu("numbers")).hasValue(0.5);
        assertThat(topologyConfig.componentDisk("doubler").map(amount -> amount.bytes()))
                .contains(2L << 30);
        assertThat(topologyConfig.getBytes(TopologyConfig.CONTAINER_RAM).map(amount -> amount.bytes()))
                .contains(4L << 30);
        assertThat(topologyConfig.getDouble(TopologyConfig.CONTAINER_CPU)).hasValue(2.0);
        assertThat(topologyConfig.getBytes(TopologyConfig.CONTAINER_DISK).map(amount -> amount.bytes()))
                .contains(8L << 30);
        assertThat(topologyConfig.streamManagers()).isEqualTo(3);
        assertThat(definition.parallelism()).isEqualTo(Map.of("numbers", 2, "doubler", 5));
    }

    @Test
    void rejectsWiringMistakesWithTheComponentName() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new NumberSpout());
        builder.setBolt("doubler", new DoublingBolt(2)).fieldsGrouping("numbers", new Fields("missing"));
        Topology topology = builder.createTopology();

        assertThatThrownBy(() -> topology.toDefinition("demo", new Config()))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("doubler")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> builder.setSpout("numbers", new NumberSpout())).hasMessageContaining("declared twice");
    }

    @Test
    void rejectsUnserializableComponents() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new UnserializableSpout());

        assertThatThrownBy(builder::createTopology)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'numbers'")
                .hasMessageContaining("cannot be serialized");
    }

    private static Topology topology() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new NumberSpout(), 2);
        builder.setBolt("doubler", new DoublingBolt(3), 2)
                .fieldsGrouping("numbers", new Fields("number"))
                .allGrouping("numbers")
                .addConfiguration("doubler.factor", "2");
        return builder.createTopology();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream input = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return input.readObject();
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(TopologySubmitter.DEFINITION_FILE_PROPERTY);
        } else {
            System.setProperty(TopologySubmitter.DEFINITION_FILE_PROPERTY, previous);
        }
    }

    static final class NumberSpout implements Spout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {}

        @Override
        public void nextTuple() {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("number"));
        }
    }

    static final class UnserializableSpout implements Spout {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {}

        @Override
        public void nextTuple() {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }

    static final class DoublingBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        private final int factor;

        DoublingBolt(int factor) {
            this.factor = factor;
        }

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {}

        @Override
        public void execute(Tuple tuple) {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
