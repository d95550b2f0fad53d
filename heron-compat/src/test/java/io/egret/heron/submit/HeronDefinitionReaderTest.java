package io.egret.heron.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.heron.examples.MultiStreamTopology;
import io.egret.heron.examples.WordCountTopology;
import io.egret.heron.instance.HeronConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definition reader on definitions Heron's own HeronSubmitter wrote, in a child JVM as Heron's CLI runs it. */
final class HeronDefinitionReaderTest {
    @TempDir
    Path directory;

    @Test
    void wordCountKeepsComponentsParallelismGroupingAndResources() throws Exception {
        HeronSubmitRunner.Result run = HeronSubmitRunner.run(
                directory, WordCountTopology.class.getName(), "wordcount", "--limit", "10", "--containers", "2");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        Path heronDefinition = run.heronDirectory().resolve("wordcount.defn");
        assertThat(heronDefinition).as("HeronSubmitter wrote its definition").isRegularFile();
        TopologyDefinition definition = HeronDefinitionReader.read(Files.readAllBytes(heronDefinition));

        assertThat(definition.name().value()).isEqualTo("wordcount");
        assertThat(definition.parallelism()).containsExactly(Map.entry("word", 2), Map.entry("consumer", 3));
        ComponentDefinition word = definition.component("word").orElseThrow();
        assertThat(word.kind()).isEqualTo(ComponentKind.SPOUT);
        assertThat(word.className()).isEqualTo("io.egret.heron.examples.WordSpout");
        assertThat(word.outputs()).containsExactly(new StreamDeclaration("default", List.of("word")));
        ComponentDefinition consumer = definition.component("consumer").orElseThrow();
        assertThat(consumer.kind()).isEqualTo(ComponentKind.BOLT);
        assertThat(consumer.inputs())
                .containsExactly(new StreamInput("word", "default", new Grouping.Fields(List.of("word"))));
        TopologyConfig config = definition.topologyConfig();
        assertThat(config.streamManagers()).isEqualTo(2);
        assertThat(config.componentRam("word")).hasValue(ByteAmount.ofMegabytes(192));
        assertThat(config.componentRam("consumer")).hasValue(ByteAmount.ofMegabytes(256));
        assertThat(config.componentCpu("consumer")).hasValue(0.5);
        assertThat(definition.config()).containsEntry(HeronConfig.TOPOLOGY_API_KEY, HeronConfig.HERON_API);
        // A value of a key Heron does not know travels Java-serialized, and has a string form too.
        assertThat(definition.config()).containsEntry("wordcount.custom.setting", "42");
        assertThat(definition.config()).containsKey(HeronConfig.SERIALIZED_PREFIX + "wordcount.custom.setting");
        // The Egret definition the wrapper wrote for the loader is the same.
        assertThat(EgretJson.fromBytes(Files.readAllBytes(run.egretFile()), TopologyDefinition.class))
                .isEqualTo(definition);
    }

    @Test
    void namedStreamsAllAndGlobalGroupingsAndBasicBolts() throws Exception {
        HeronSubmitRunner.Result run = HeronSubmitRunner.run(directory, MultiStreamTopology.class.getName(), "streams");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        TopologyDefinition definition =
                EgretJson.fromBytes(Files.readAllBytes(run.egretFile()), TopologyDefinition.class);
        assertThat(definition.componentNames()).containsExactly("numbers", "odds", "relay", "evens");
        assertThat(definition.component("numbers").orElseThrow().outputs())
                .containsExactlyInAnyOrder(
                        new StreamDeclaration("odd", List.of("number", "label")),
                        new StreamDeclaration("even", List.of("number", "label")));
        assertThat(definition.component("odds").orElseThrow().inputs())
                .containsExactly(new StreamInput("numbers", "odd", Grouping.all()));
        assertThat(definition.component("relay").orElseThrow().inputs())
                .containsExactly(new StreamInput("numbers", "even", Grouping.shuffle()));
        assertThat(definition.component("evens").orElseThrow().inputs())
                .containsExactly(new StreamInput("relay", "default", Grouping.global()));
        // Heron's builder wraps a basic bolt in its executor, which is what is serialized.
        assertThat(definition.component("relay").orElseThrow().className())
                .isEqualTo("org.apache.heron.api.bolt.BasicBoltExecutor");
    }

    @Test
    void aMainThatThrowsExitsNonZeroWithItsException() throws Exception {
        HeronSubmitRunner.Result run =
                HeronSubmitRunner.run(directory, WordCountTopology.class.getName(), "x", "--bogus", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Exception in thread \"main\"").contains("unknown argument --bogus");
        assertThat(run.egretFile()).doesNotExist();
    }

    @Test
    void anUnknownMainClassIsReportedAsTheJavaLauncherDoes() throws Exception {
        HeronSubmitRunner.Result run = HeronSubmitRunner.run(directory, "com.acme.Missing", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Could not find or load main class com.acme.Missing");
    }

    @Test
    void bytesThatAreNotADefinitionAreAUserError() {
        assertThatThrownBy(() -> HeronDefinitionReader.read(new byte[] {1, 2, 3}))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("not a TopologyAPI.Topology");
    }
}
