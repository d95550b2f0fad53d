package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.api.Bolt;
import io.egret.api.Config;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.Tuple;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.EmbeddedTopology;
import io.egret.executor.RuntimeOptions;
import io.egret.testsupport.TestTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tuples a container cannot hand to an instance are counted as {@code dropped} of the component they were for:
 * tuples for a task that is not a bolt of this container, and tuples arriving after the bolts stopped.
 */
final class ContainerRuntimeDropsTest {
    // Round robin over two containers: numbers (task 1) and sink task 3 in container 1, sink task 2 in container 2.
    private final TopologyLayout layout = layout();

    @Test
    void tuplesForATaskOfAnotherContainerAreDroppedAndCounted() {
        ContainerRuntime runtime = runtime();

        assertThat(runtime.deliverFromRemote(2, batch(3))).isFalse();

        assertThat(runtime.counters().get("sink").dropped()).isEqualTo(3);
        assertThat(runtime.counters().get("numbers").dropped()).isZero();
    }

    @Test
    void tuplesArrivingAfterTheBoltsStoppedAreDroppedAndCounted() throws InterruptedException {
        ContainerRuntime runtime = runtime();
        runtime.start();
        assertThat(runtime.deliverFromRemote(3, batch(2))).isTrue();
        TestTime.await(
                "the sink executed the tuples it received",
                Duration.ofSeconds(30),
                () -> runtime.counters().get("sink").executed() == 2);

        runtime.close(Duration.ofMillis(200));

        assertThat(runtime.deliverFromRemote(3, batch(4))).isFalse();
        assertThat(runtime.counters().get("sink").dropped()).isEqualTo(4);
        assertThat(runtime.counters().get("sink").executed()).isEqualTo(2);
    }

    private ContainerRuntime runtime() {
        return new ContainerRuntime(
                layout,
                1,
                component -> component.name().equals("numbers") ? new Numbers() : new Sink(),
                RemoteSender.NONE,
                new RuntimeOptions(16, 4),
                false,
                error -> {
                    throw new AssertionError(error);
                });
    }

    private TupleBatch batch(int tuples) {
        StreamInfo stream = layout.streamsOf("numbers").get("default");
        TupleBatch batch = new TupleBatch(16);
        for (int index = 0; index < tuples; index++) {
            batch.add(3, new RuntimeTuple(1, stream, List.of(index)));
        }
        return batch;
    }

    private static TopologyLayout layout() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new Numbers(), 1);
        builder.setBolt("sink", new Sink(), 2).shuffleGrouping("numbers");
        TopologyDefinition definition = builder.createTopology().toDefinition("drops", new Config());
        return new TopologyLayout(definition, EmbeddedTopology.roundRobinPlan(definition, 2));
    }

    static final class Numbers implements Spout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {}

        @Override
        public void nextTuple() {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }
    }

    static final class Sink implements Bolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {}

        @Override
        public void execute(Tuple tuple) {}

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
