package io.egret.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.examples.WordCount;
import io.egret.executor.master.TopologyMaster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TopologyMasterTest {
    private static final TopologyDefinition DEFINITION =
            WordCount.topology(1).toDefinition("word-count", WordCount.config(1));
    private static final PackingPlan PLAN = EmbeddedTopology.roundRobinPlan(DEFINITION, 1);
    private static final TopologyId ID = TopologyId.of("word-count-2");

    @Test
    void refusesToServeAnotherIncarnation() {
        InProcessStateStore store = new InProcessStateStore();
        store.create(DEFINITION, PLAN, executionState(TopologyId.of("word-count-1"), TopologyState.RUNNING));

        assertThatThrownBy(() -> new TopologyMaster(settings(), store, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("holds topology id word-count-1");
    }

    @Test
    void startsPausedWhenSubmittedDeactivatedAndResumesWhatItsPredecessorPublished() throws Exception {
        InProcessStateStore store = new InProcessStateStore();
        store.create(DEFINITION, PLAN, executionState(ID, TopologyState.PAUSED));
        try (TopologyMaster master = new TopologyMaster(settings(), store, Duration.ofSeconds(1))) {
            assertThat(master.status().state()).isEqualTo(TopologyState.PAUSED);
            assertThat(master.status().containersAlive()).isEqualTo(Map.of(1, false));
            assertThat(master.activate(ID.value()).httpStatus()).isEqualTo(200);
            assertThat(master.activate(ID.value()).message()).contains("already activated");
        }

        store.putPhysicalPlan(DEFINITION.name(), new PhysicalPlan(ID, 7, TopologyState.PAUSED, PLAN, List.of()));
        try (TopologyMaster restarted = new TopologyMaster(settings(), store, Duration.ofSeconds(1))) {
            assertThat(restarted.status().state()).isEqualTo(TopologyState.PAUSED);
            assertThat(restarted.deactivate("word-count-1").httpStatus()).isEqualTo(400);
        }
    }

    private static TopologyMaster.Settings settings() {
        return new TopologyMaster.Settings(DEFINITION.name(), ID, "127.0.0.1", "127.0.0.1", 0);
    }

    private static ExecutionState executionState(TopologyId id, TopologyState state) {
        return new ExecutionState(
                DEFINITION.name(),
                id,
                new ClusterTarget("local", "tester", "default"),
                "tester",
                Instant.now(),
                "test",
                state,
                Optional.empty());
    }
}
