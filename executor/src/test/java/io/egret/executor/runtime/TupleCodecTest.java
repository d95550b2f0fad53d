package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.egret.api.Config;
import io.egret.api.Fields;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.examples.Synthetic;
import io.egret.executor.EmbeddedTopology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TupleCodecTest {

    /** Synthetic.Shape is an author record without a no-argument constructor: it travels through Kryo. */
    @Test
    void roundTripsFastPathAndKryoValues() {
        TopologyLayout layout = layout();
        TupleCodec writer = new TupleCodec(layout, getClass().getClassLoader());
        TupleCodec reader = new TupleCodec(layout, getClass().getClassLoader());
        StreamInfo stream = layout.streamsOf("values").get("default");
        List<Object> values = new ArrayList<>(Arrays.asList(
                "héllo wörld",
                42L,
                -7,
                3.25,
                new byte[] {1, 2, 3},
                true,
                null,
                new Synthetic.Shape("a", 1, 2, 3, 4, 5, 0.5, 6),
                List.of("a", "b")));
        TupleBatch batch = new TupleBatch(2);
        batch.add(7, new RuntimeTuple(1, stream, values));
        batch.add(
                8,
                new RuntimeTuple(
                        2,
                        stream,
                        List.of(
                                "",
                                Long.MIN_VALUE,
                                Integer.MAX_VALUE,
                                Double.NaN,
                                new byte[0],
                                false,
                                "x",
                                new Synthetic.Shape("b", 1, 0, 1, 1, 0, 0.1, 0),
                                List.of())));

        Output output = new Output(16, -1);
        writer.write(output, batch);
        TupleBatch read = reader.read(new Input(output.getBuffer(), 0, output.position()));

        assertThat(read.size).isEqualTo(2);
        assertThat(read.destinations[0]).isEqualTo(7);
        assertThat(read.destinations[1]).isEqualTo(8);
        RuntimeTuple first = read.tuples[0];
        assertThat(first.getSourceTask()).isEqualTo(1);
        assertThat(first.getSourceComponent()).isEqualTo("values");
        assertThat(first.getFields()).isEqualTo(stream.fields());
        assertThat(first.getValues())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(values);
        assertThat(read.tuples[1].getValue(1)).isEqualTo(Long.MIN_VALUE);
        assertThat((Double) read.tuples[1].getValue(3)).isNaN();
    }

    @Test
    void roundTripsTheRootsOfTrackedTuplesAndTheAcksOfABatch() {
        TopologyLayout layout = layout();
        TupleCodec writer = new TupleCodec(layout, getClass().getClassLoader());
        StreamInfo stream = layout.streamsOf("values").get("default");
        List<Object> values = Arrays.asList("a", 1L, 2, 3.0, new byte[0], true, null, null, null);
        TupleBatch batch = new TupleBatch(4);
        batch.add(5, new RuntimeTuple(1, stream, values));
        batch.add(
                6,
                new RuntimeTuple(
                        2, stream, values, new int[] {1, 2}, new long[] {-1L, Long.MAX_VALUE}, new long[] {42L, -42L}));
        batch.addAck(1, 99L, 0x5555_5555_5555_5555L, TupleBatch.ACK);
        batch.addAck(2, Long.MIN_VALUE, 0, TupleBatch.FAIL);
        batch.addAck(1, 7L, -3L, TupleBatch.ACK);

        Output output = new Output(16, -1);
        writer.write(output, batch);
        TupleBatch read = new TupleCodec(layout, getClass().getClassLoader())
                .read(new Input(output.getBuffer(), 0, output.position()));

        assertThat(read.size).isEqualTo(2);
        assertThat(read.tuples[0].isTracked()).isFalse();
        RuntimeTuple tracked = read.tuples[1];
        assertThat(tracked.rootTasks).containsExactly(1, 2);
        assertThat(tracked.rootIds).containsExactly(-1L, Long.MAX_VALUE);
        assertThat(tracked.tupleIds).containsExactly(42L, -42L);
        assertThat(read.ackCount).isEqualTo(3);
        assertThat(Arrays.copyOf(read.ackTasks, 3)).containsExactly(1, 2, 1);
        assertThat(Arrays.copyOf(read.ackRoots, 3)).containsExactly(99L, Long.MIN_VALUE, 7L);
        assertThat(Arrays.copyOf(read.ackValues, 3)).containsExactly(0x5555_5555_5555_5555L, 0L, -3L);
        assertThat(Arrays.copyOf(read.ackKinds, 3)).containsExactly(TupleBatch.ACK, TupleBatch.FAIL, TupleBatch.ACK);
    }

    @Test
    void tuplesOfOneTreeInARowCarryTheirRootOnceAndReadBackWithTheirOwnIds() {
        TopologyLayout layout = layout();
        StreamInfo stream = layout.streamsOf("values").get("default");
        List<Object> values = Arrays.asList("a", 1L, 2, 3.0, new byte[0], true, null, null, null);
        int[] task = {1};
        long[] root = {77L};
        TupleBatch batch = new TupleBatch(8);
        batch.add(5, new RuntimeTuple(1, stream, values, task, root, 1L));
        batch.add(5, new RuntimeTuple(1, stream, values, task, root, 2L));
        batch.add(5, new RuntimeTuple(1, stream, values));
        batch.add(5, new RuntimeTuple(1, stream, values, task, root, 3L));
        batch.add(5, new RuntimeTuple(1, stream, values, new int[] {1, 2}, new long[] {77L, 88L}, 4L));
        batch.add(5, new RuntimeTuple(1, stream, values, task, root, 5L));
        batch.add(5, new RuntimeTuple(1, stream, values, new int[] {2}, new long[] {77L}, 6L));
        batch.add(5, new RuntimeTuple(1, stream, values, new int[] {2}, new long[] {77L}, 7L));

        Output output = new Output(16, -1);
        new TupleCodec(layout, getClass().getClassLoader()).write(output, batch);
        TupleBatch read = new TupleCodec(layout, getClass().getClassLoader())
                .read(new Input(output.getBuffer(), 0, output.position()));

        assertThat(read.size).isEqualTo(8);
        for (int index = 0; index < 8; index++) {
            RuntimeTuple sent = batch.tuples[index];
            RuntimeTuple received = read.tuples[index];
            assertThat(received.rootTasks).as("tuple %d", index).containsExactly(sent.rootTasks);
            assertThat(received.rootIds).as("tuple %d", index).containsExactly(sent.rootIds);
            for (int number = 0; number < sent.rootIds.length; number++) {
                assertThat(received.tupleId(number)).as("tuple %d", index).isEqualTo(sent.tupleId(number));
            }
        }
        assertThat(read.tuples[1].rootIds).as("shared like the sender's").isSameAs(read.tuples[0].rootIds);
    }

    private static TopologyLayout layout() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("values", new ValuesSpout(), 2);
        TopologyDefinition definition = builder.createTopology().toDefinition("codec", new Config());
        return new TopologyLayout(definition, EmbeddedTopology.roundRobinPlan(definition, 1));
    }

    static final class ValuesSpout implements Spout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {}

        @Override
        public void nextTuple() {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        }
    }
}
