package io.egret.executor;

import static io.egret.executor.EmbeddedTopologyTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.api.Bolt;
import io.egret.api.Config;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.Tuple;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.examples.WordCount;
import io.egret.ports.out.StoredTopology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

final class RuntimeConfigTest {

    @Test
    void boltsSeeRuntimeConfigUpdatesWithoutARestartAndRejoiningContainersGetThemToo() throws Exception {
        ConfigReader.SEEN.clear();
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new WordCount.SentenceSpout(), 2);
        builder.setBolt("reader", new ConfigReader(), 2)
                .shuffleGrouping("sentence")
                .addConfiguration("my.key", "initial");
        builder.setBolt("other", new ConfigReader(), 2).shuffleGrouping("sentence");
        TopologyDefinition definition = builder.createTopology()
                .toDefinition("runtime-config", new Config().setNumStmgrs(2).put("shared", "topology"));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> seen("reader", "my.key").size() == 2
                    && seen("other", "shared").size() == 2);
            assertThat(seen("reader", "my.key")).containsOnly("initial");
            assertThat(seen("reader", "shared")).containsOnly("topology");
            assertThat(seen("other", "my.key")).containsOnly("(none)");

            topology.updateRuntimeConfig(List.of("reader:my.key:42", "shared:runtime"));

            awaitTrue(() -> seen("reader", "my.key").stream().allMatch("42"::equals)
                    && seen("reader", "shared").stream().allMatch("runtime"::equals)
                    && seen("other", "shared").stream().allMatch("runtime"::equals));
            assertThat(seen("other", "my.key")).containsOnly("(none)");

            // A container that restarts comes up with the overrides the master kept.
            topology.stopContainer(2);
            ConfigReader.SEEN.clear();
            topology.startContainer(2);
            awaitTrue(() -> seen("reader", "my.key").size() == 2
                    && seen("other", "shared").size() == 2);
            assertThat(seen("reader", "my.key")).containsOnly("42");
            assertThat(seen("other", "shared")).containsOnly("runtime");
            assertThat(topology.failures()).isEmpty();
        }
    }

    @Test
    void aRestartedContainerStartsFromTheStoredDefinitionWhichHoldsRecordedChanges() throws Exception {
        ConfigReader.SEEN.clear();
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentence", new WordCount.SentenceSpout(), 2);
        builder.setBolt("reader", new ConfigReader(), 2).shuffleGrouping("sentence");
        TopologyDefinition definition =
                builder.createTopology().toDefinition("stored-config", new Config().setNumStmgrs(2));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 2)) {
            awaitTrue(() -> seen("reader", "my.key").size() == 2);
            // Recorded as 'heron update' records it, but never sent: as if the master restarted since.
            StoredTopology stored =
                    topology.stateStore().read(definition.name()).orElseThrow();
            TopologyDefinition recorded = stored.definition().orElseThrow();
            topology.stateStore()
                    .replacePlan(
                            recorded,
                            stored.packingPlan().orElseThrow(),
                            recorded.withRuntimeConfig(List.of(RuntimeConfigChange.parse("reader:my.key:7"))),
                            stored.packingPlan().orElseThrow());

            topology.stopContainer(2);
            ConfigReader.SEEN.clear();
            topology.startContainer(2);

            awaitTrue(() -> seen("reader", "my.key").contains("7"));
            assertThat(seen("reader", "my.key")).isSubsetOf("7", "(none)");
        }
    }

    @Test
    void masterRefusesUnknownComponentsAndMalformedItems() {
        TopologyDefinition definition = WordCount.topology(1).toDefinition("refusals", WordCount.config(1));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, 1)) {
            assertThatThrownBy(() -> topology.updateRuntimeConfig(List.of("splitter:k:v")))
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("unknown component 'splitter'");
            assertThatThrownBy(() -> topology.updateRuntimeConfig(List.of("a:b:c:d")))
                    .hasMessageContaining("must look like NAME:VALUE");
        }
    }

    private static List<String> seen(String component, String key) {
        return ConfigReader.SEEN.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(component + "/" + key + "/"))
                .map(Map.Entry::getValue)
                .toList();
    }

    /** Records, per task, the last value of a few keys it read from its context on each tuple. */
    static final class ConfigReader implements Bolt {
        private static final long serialVersionUID = 1L;
        static final Map<String, String> SEEN = new ConcurrentHashMap<>();

        private transient TopologyContext context;

        @Override
        public void prepare(Map<String, String> config, TopologyContext topologyContext, OutputCollector collector) {
            this.context = topologyContext;
        }

        @Override
        public void execute(Tuple tuple) {
            Map<String, String> config = context.getConfig();
            for (String key : List.of("my.key", "shared")) {
                SEEN.put(
                        context.getThisComponentId() + "/" + key + "/" + context.getThisTaskId(),
                        config.getOrDefault(key, "(none)"));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {}
    }
}
