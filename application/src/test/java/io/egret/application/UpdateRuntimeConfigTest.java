package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.in.UpdateCommand;
import io.egret.ports.in.UpdateResult;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.StoredTopology;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class UpdateRuntimeConfigTest {
    private static final List<RuntimeConfigChange> CHANGES =
            List.of(RuntimeConfigChange.parse("count:my.key:42"), RuntimeConfigChange.parse("topology.flag:on"));

    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void recordsTheChangesThenHasTheMasterApplyThem() {
        environment.submitted();
        StoredTopology before = stored();

        UpdateResult result = environment.updateService().update(runtimeConfig(CHANGES, false));

        assertThat(result.dryRun()).isFalse();
        assertThat(result.runtimeConfig()).isEqualTo(CHANGES);
        assertThat(result.newPlan())
                .isEqualTo(result.oldPlan())
                .isEqualTo(before.packingPlan().orElseThrow());
        StoredTopology after = stored();
        TopologyDefinition definition = after.definition().orElseThrow();
        assertThat(definition.component("count").orElseThrow().config()).containsEntry("my.key", "42");
        assertThat(definition.component("word").orElseThrow().config()).doesNotContainKey("my.key");
        assertThat(definition.config()).containsEntry("topology.flag", "on");
        assertThat(after.packingPlan()).isEqualTo(before.packingPlan());
        assertThat(after.executionState()).isEqualTo(before.executionState());
        assertThat(environment.topologyControl().calls())
                .containsExactly("runtime-config "
                        + before.executionState().orElseThrow().id() + " [count:my.key:42, topology.flag:on]");
        assertThat(environment.progress().lines())
                .containsExactly(
                        "record runtime config STARTED",
                        "record runtime config DONE",
                        "apply runtime config STARTED",
                        "apply runtime config DONE");
    }

    @Test
    void appliesToAPausedTopologyToo() {
        environment
                .submitService()
                .submit(TestingEnvironment.submitCommand(true, false, false, WaitCondition.SUBMITTED));

        environment.updateService().update(runtimeConfig(CHANGES, false));

        assertThat(stored().definition().orElseThrow().config()).containsEntry("topology.flag", "on");
        assertThat(environment.topologyControl().calls()).hasSize(1);
    }

    @Test
    void dryRunDescribesTheChangesAndChangesNothing() {
        environment.submitted();
        StoredTopology before = stored();

        UpdateResult result = environment.updateService().update(runtimeConfig(CHANGES, true));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.runtimeConfig()).isEqualTo(CHANGES);
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.topologyControl().calls()).isEmpty();
        assertThat(environment.faults().calls("stateStore.replacePlan")).isZero();
    }

    @Test
    void refusesRuntimeConfigTogetherWithParallelismOrContainers() {
        environment.submitted();
        StoredTopology before = stored();

        for (UpdateCommand command : List.of(
                new UpdateCommand(TARGET, name(), Map.of("count", 3), OptionalInt.empty(), CHANGES, false),
                new UpdateCommand(TARGET, name(), Map.of(), OptionalInt.of(3), CHANGES, false))) {
            EgretException failure = refusal(command);

            assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
            assertThat(failure.getMessage())
                    .isEqualTo("parallelism or container number and runtime config can not be updated at the same"
                            + " time");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownComponentAndListsTheValidOnes() {
        environment.submitted();

        EgretException failure = refusal(runtimeConfig(List.of(RuntimeConfigChange.parse("cont:my.key:1")), false));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).contains("unknown component 'cont'").contains("[word, count]");
    }

    @Test
    void refusesATopologyThatDoesNotExist() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(runtimeConfig(CHANGES, false)));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(environment.topologyControl().calls()).isEmpty();
    }

    @Test
    void putsTheOldDefinitionBackWhenTheMasterFails() {
        environment.submitted();
        StoredTopology before = stored();
        environment.faults().failOn("control.updateRuntimeConfig", 1, EgretException.unreachable("master gone", null));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(runtimeConfig(CHANGES, false)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .startsWith("update of topology 'wordcount' failed at 'apply runtime config': master gone")
                .doesNotContain("cleanup incomplete")
                .doesNotContain("\n");
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.progress().lines()).contains("record runtime config UNDONE");
    }

    @Test
    void failingToRecordChangesNothingAndCallsNoMaster() {
        environment.submitted();
        StoredTopology before = stored();
        environment.faults().failOn("stateStore.replacePlan", 1, EgretException.unreachable("store gone", null));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(runtimeConfig(CHANGES, false)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage()).contains("failed at 'record runtime config': store gone");
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.topologyControl().calls()).isEmpty();
    }

    private EgretException refusal(UpdateCommand command) {
        StoredTopology before = stored();
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(command));
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.topologyControl().calls()).isEmpty();
        return failure;
    }

    private StoredTopology stored() {
        return environment.stateStore().records(name()).orElseThrow();
    }

    private static UpdateCommand runtimeConfig(List<RuntimeConfigChange> changes, boolean dryRun) {
        return UpdateCommand.runtimeConfig(TARGET, name(), changes, dryRun);
    }
}
