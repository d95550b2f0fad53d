package io.egret.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.api.Config;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ExamplesTest {

    @Test
    void wordCountGroupsWordsByField() {
        TopologyDefinition definition = WordCount.topology(3).toDefinition("word-count", WordCount.config(2));

        assertThat(definition.parallelism()).isEqualTo(Map.of("sentence", 3, "split", 3, "count", 3));
        assertThat(definition.component("count").orElseThrow().inputs())
                .containsExactly(new StreamInput("split", "default", Grouping.fields("word")));
        assertThat(definition.topologyConfig().streamManagers()).isEqualTo(2);
        assertThat(definition.topologyConfig().componentRam("split").map(amount -> amount.bytes()))
                .contains(256L << 20);
    }

    @Test
    void reliableWordCountRunsAtLeastOnceWithAnchoredWords() {
        TopologyDefinition definition =
                ReliableWordCount.topology(100, 50, "").toDefinition("reliable", ReliableWordCount.config(2));

        assertThat(definition.parallelism()).isEqualTo(Map.of("lines", 1, "split", 2, "record", 2));
        assertThat(definition.topologyConfig().values())
                .containsEntry("topology.reliability.mode", "ATLEAST_ONCE")
                .containsEntry("topology.message.timeout.secs", "10")
                .containsEntry("topology.max.spout.pending", "500");
        assertThat(definition.component("record").orElseThrow().inputs())
                .containsExactly(new StreamInput("split", "default", Grouping.fields("word")));
    }

    @Test
    void exclamationChainsTwoBolts() {
        TopologyDefinition definition = Exclamation.topology().toDefinition("exclamation", new Config());

        assertThat(definition.componentNames()).containsExactly("word", "exclaim1", "exclaim2");
        assertThat(definition.component("exclaim2").orElseThrow().inputs())
                .containsExactly(new StreamInput("exclaim1", "default", Grouping.shuffle()));
    }

    @Test
    void syntheticShapeComesFromArguments() {
        Synthetic.Shape shape = Synthetic.Shape.parse(new String[] {
            "--name=big",
            "--spouts=2",
            "--bolts=3",
            "--parallelism=4",
            "--containers=5",
            "--instance-ram-mb=128",
            "--instance-cpu=0.25",
            "--instance-disk-mb=64"
        });

        TopologyDefinition definition = Synthetic.topology(shape).toDefinition(shape.name(), Synthetic.config(shape));

        assertThat(definition.name().value()).isEqualTo("big");
        assertThat(definition.componentNames()).containsExactly("spout-0", "spout-1", "bolt-0", "bolt-1", "bolt-2");
        assertThat(definition.totalInstances()).isEqualTo(20);
        assertThat(definition.topologyConfig().streamManagers()).isEqualTo(5);
        assertThat(definition.topologyConfig().componentRam("bolt-2").map(amount -> amount.bytes()))
                .contains(128L << 20);
        assertThat(definition.topologyConfig().componentCpu("spout-1")).hasValue(0.25);
        assertThat(definition.topologyConfig().componentDisk("bolt-0").map(amount -> amount.bytes()))
                .contains(64L << 20);
    }

    @Test
    void syntheticRejectsUnknownArguments() {
        assertThatThrownBy(() -> Synthetic.Shape.parse(new String[] {"--bogus=1"}))
                .hasMessageContaining("unknown argument '--bogus=1'");
    }
}
