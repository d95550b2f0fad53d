package io.egret.domain.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RuntimeConfigChangeTest {
    private static final TopologyDefinition TOPOLOGY = new TopologyDefinition(
            TopologyName.of("word-count"),
            List.of(
                    new ComponentDefinition(
                            "word",
                            ComponentKind.SPOUT,
                            1,
                            "example.Spout",
                            List.of(new StreamDeclaration(StreamDeclaration.DEFAULT_STREAM, List.of("word"))),
                            List.of(),
                            Map.of(),
                            new byte[0]),
                    new ComponentDefinition(
                            "count",
                            ComponentKind.BOLT,
                            2,
                            "example.Bolt",
                            List.of(),
                            List.of(new StreamInput("word", StreamDeclaration.DEFAULT_STREAM, Grouping.shuffle())),
                            Map.of("existing", "1"),
                            new byte[0])),
            Map.of("topology.workers", "1"));

    @Test
    void parsesTopologyAndComponentItems() {
        assertThat(RuntimeConfigChange.parse("my.key:42")).isEqualTo(RuntimeConfigChange.topology("my.key", "42"));
        assertThat(RuntimeConfigChange.parse("count:my-key:4.2_x"))
                .isEqualTo(new RuntimeConfigChange(Optional.of("count"), "my-key", "4.2_x"));
        assertThat(RuntimeConfigChange.parse("count:my.key:42").item()).isEqualTo("count:my.key:42");
    }

    @Test
    void refusesItemsOutsideHeronsSyntaxWithOneLine() {
        for (String item : List.of("", "key", "key:", ":value", "a:b:c:d", "key:va lue", "key:value/x", "a::b")) {
            assertThatThrownBy(() -> RuntimeConfigChange.parse(item))
                    .as(item)
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                    .hasMessageContaining("must look like NAME:VALUE or COMPONENT:NAME:VALUE")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void topologyLevelChangesGoToTheTopologyConfig() {
        TopologyDefinition updated = TOPOLOGY.withRuntimeConfig(
                List.of(RuntimeConfigChange.parse("my.key:1"), RuntimeConfigChange.parse("my.key:2")));

        assertThat(updated.config()).containsEntry("my.key", "2").containsEntry("topology.workers", "1");
        assertThat(updated.components()).isEqualTo(TOPOLOGY.components());
    }

    @Test
    void componentLevelChangesGoToThatComponentsConfigOnly() {
        TopologyDefinition updated = TOPOLOGY.withRuntimeConfig(List.of(RuntimeConfigChange.parse("count:my.key:42")));

        assertThat(updated.component("count").orElseThrow().config())
                .isEqualTo(Map.of("existing", "1", "my.key", "42"));
        assertThat(updated.component("word").orElseThrow().config()).isEmpty();
        assertThat(updated.config()).isEqualTo(TOPOLOGY.config());
        assertThat(updated.parallelism()).isEqualTo(TOPOLOGY.parallelism());
    }

    @Test
    void unknownComponentIsAUserErrorListingTheComponents() {
        assertThatThrownBy(() -> TOPOLOGY.withRuntimeConfig(List.of(RuntimeConfigChange.parse("split:my.key:42"))))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("unknown component 'split'")
                .hasMessageContaining("[word, count]");
    }
}
