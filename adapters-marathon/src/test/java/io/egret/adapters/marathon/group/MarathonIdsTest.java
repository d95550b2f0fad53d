package io.egret.adapters.marathon.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.topology.TopologyName;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class MarathonIdsTest {
    @ParameterizedTest
    @CsvSource({
        "wordcount, /heron/topologies/wordcount",
        "WordCount, /heron/topologies/wordcount",
        "word_count, /heron/topologies/word-count",
        "word.count-2, /heron/topologies/word.count-2",
        "7, /heron/topologies/7"
    })
    void namesMapOntoMarathonsIdRule(String name, String groupId) {
        assertThat(MarathonIds.groupId(TopologyName.of(name))).isEqualTo(groupId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ends-", "ends_", "a..b", "a.-b", "a_.b", "restart", "Tasks", "versions"})
    void namesThatCannotMapAreRefused(String name) {
        assertThatThrownBy(() -> MarathonIds.groupId(TopologyName.of(name)))
                .hasMessageContaining("topology name '" + name + "' cannot be a Marathon id");
    }

    @ParameterizedTest
    @CsvSource({"/heron/topologies/x/0, 0", "/heron/topologies/x/12, 12"})
    void appIdsGiveBackTheirContainer(String appId, int containerId) {
        assertThat(MarathonIds.containerId("/heron/topologies/x", appId)).hasValue(containerId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/heron/topologies/x/01", "/heron/topologies/xy/1", "/heron/topologies/x/a", "/other/1"})
    void otherIdsAreNoContainer(String appId) {
        assertThat(MarathonIds.containerId("/heron/topologies/x", appId)).isEqualTo(OptionalInt.empty());
    }
}
