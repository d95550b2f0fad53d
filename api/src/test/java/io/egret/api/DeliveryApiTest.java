package io.egret.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.ReliabilityMode;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery-guarantee surface: reliability keys, direct/none/custom groupings, tick tuples. */
final class DeliveryApiTest {

    @Test
    void reliabilitySettingsUseHeronsKeys() {
        Map<String, String> config = new Config()
                .setTopologyReliabilityMode(ReliabilityMode.ATLEAST_ONCE)
                .setEnableAcking(true)
                .setMessageTimeoutSecs(7)
                .setMaxSpoutPending(100)
                .setTickTupleFrequency(3)
                .toMap();

        assertThat(config)
                .containsEntry(TopologyConfig.RELIABILITY_MODE, "ATLEAST_ONCE")
                .containsEntry("topology.enable.acking", "true")
                .containsEntry("topology.message.timeout.secs", "7")
                .containsEntry("topology.max.spout.pending", "100")
                .containsEntry("topology.tick.tuple.freq.secs", "3");
        assertThatThrownBy(() -> new Config().setMessageTimeoutSecs(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message timeout must be at least 1 second, got 0");
    }

    @Test
    void declaresDirectNoneAndCustomGroupingsWithTheGroupingSerialized() throws Exception {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new TopologySubmitterTest.NumberSpout());
        builder.setBolt("sink", new TopologySubmitterTest.DoublingBolt(1), 2)
                .directGrouping("numbers")
                .noneGrouping("numbers")
                .customGrouping("numbers", new EvenOdd())
                .setTickTupleFrequency(5);

        TopologyDefinition definition = builder.createTopology().toDefinition("demo", new Config());
        ComponentDefinition sink = definition.component("sink").orElseThrow();

        assertThat(sink.inputs().subList(0, 2))
                .containsExactly(
                        new StreamInput("numbers", "default", Grouping.direct()),
                        new StreamInput("numbers", "default", Grouping.none()));
        Grouping.Custom custom = (Grouping.Custom) sink.inputs().get(2).grouping();
        assertThat(custom.className()).isEqualTo(EvenOdd.class.getName());
        assertThat(deserialize(custom.serializedObject())).isInstanceOf(EvenOdd.class);
        assertThat(sink.config()).containsEntry("topology.tick.tuple.freq.secs", "5");
    }

    @Test
    void refusesAnUnserializableCustomGroupingNamingIt() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new TopologySubmitterTest.NumberSpout());
        TopologyBuilder.BoltDeclarer sink = builder.setBolt("sink", new TopologySubmitterTest.DoublingBolt(1));

        assertThatThrownBy(() -> sink.customGrouping("numbers", new Unserializable()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "custom grouping of 'sink' (" + Unserializable.class.getName() + ") cannot be serialized");
    }

    @Test
    void aTickTupleIsRecognisedByItsComponentAndStream() {
        Tuple tick = new NamedTuple(Streams.SYSTEM_COMPONENT, Streams.TICK_STREAM);
        Tuple data = new NamedTuple("numbers", Streams.TICK_STREAM);

        assertThat(tick.isTick()).isTrue();
        assertThat(data.isTick()).isFalse();
    }

    private static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream input = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return input.readObject();
        }
    }

    static final class EvenOdd implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;
        private List<Integer> targets = List.of();

        @Override
        public void prepare(TopologyContext context, String component, String stream, List<Integer> targetTasks) {
            targets = targetTasks;
        }

        @Override
        public List<Integer> chooseTasks(List<Object> values) {
            return List.of(targets.get((int) (((Number) values.get(0)).longValue() & 1)));
        }
    }

    static final class Unserializable implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unused")
        private final Object notSerializable = new Object();

        @Override
        public void prepare(TopologyContext context, String component, String stream, List<Integer> targetTasks) {}

        @Override
        public List<Integer> chooseTasks(List<Object> values) {
            return List.of();
        }
    }

    private record NamedTuple(String component, String stream) implements Tuple {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public Object getValue(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public Fields getFields() {
            return new Fields();
        }

        @Override
        public List<Object> getValues() {
            return List.of();
        }

        @Override
        public String getSourceComponent() {
            return component;
        }

        @Override
        public String getSourceStreamId() {
            return stream;
        }

        @Override
        public int getSourceTask() {
            return 0;
        }
    }
}
