package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static io.egret.application.testing.TestingEnvironment.topologyCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.StoredTopology;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ActivateDeactivateTest {
    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void deactivatesARunningTopology() {
        environment.submitted();

        LifecycleResult result = environment.deactivateService().deactivate(topologyCommand());

        assertThat(result.changed()).isTrue();
        assertThat(result.executionState().state()).isEqualTo(TopologyState.PAUSED);
        assertThat(storedState()).isEqualTo(result.executionState());
        assertThat(environment.cluster().state(name())).contains(TopologyState.PAUSED);
        assertThat(environment.progress().lines())
                .containsExactly(
                        "tell topology master STARTED",
                        "tell topology master DONE",
                        "record state STARTED",
                        "record state DONE");
        assertThat(environment.progress().events())
                .allMatch(event -> event.operation().equals("deactivate"));
    }

    @Test
    void activatesAPausedTopology() {
        environment.submitted();
        environment.deactivateService().deactivate(topologyCommand());

        LifecycleResult result = environment.activateService().activate(topologyCommand());

        assertThat(result.changed()).isTrue();
        assertThat(storedState().state()).isEqualTo(TopologyState.RUNNING);
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
    }

    @Test
    void activatingARunningTopologyChangesNothingAndCallsNobody() {
        environment.submitted();
        ExecutionState before = storedState();

        LifecycleResult result = environment.activateService().activate(topologyCommand());

        assertThat(result.changed()).isFalse();
        assertThat(result.executionState()).isEqualTo(before);
        assertThat(environment.topologyControl().calls()).isEmpty();
        assertThat(environment.faults().calls("stateStore.replaceExecutionState"))
                .isZero();
    }

    @Test
    void deactivatingAPausedTopologyChangesNothing() {
        environment
                .submitService()
                .submit(TestingEnvironment.submitCommand(true, false, false, WaitCondition.SUBMITTED));

        LifecycleResult result = environment.deactivateService().deactivate(topologyCommand());

        assertThat(result.changed()).isFalse();
        assertThat(environment.topologyControl().calls()).isEmpty();
    }

    @Test
    void dryRunChangesNothing() {
        environment.submitted();
        ExecutionState before = storedState();

        LifecycleResult result = environment.deactivateService().deactivate(new TopologyCommand(TARGET, name(), true));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.changed()).isFalse();
        assertThat(result.executionState().state()).isEqualTo(TopologyState.PAUSED);
        assertThat(storedState()).isEqualTo(before);
        assertThat(environment.topologyControl().calls()).isEmpty();
    }

    @Test
    void refusesWhenTheMasterHasNotRegistered() {
        environment.launcher().masterRegisters(false);
        environment.submitted();

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.deactivateService().deactivate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("topology master of 'wordcount' has not registered yet, so it cannot be deactivated; check"
                        + " 'heron status local/alice/default wordcount'");
        assertThat(storedState().state()).isEqualTo(TopologyState.RUNNING);
    }

    @Test
    void ignoresTheMasterLocationOfAnEarlierIncarnation() {
        environment.launcher().masterRegisters(false);
        environment.submitted();
        StoredTopology stored = environment.stateStore().records(name()).orElseThrow();
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        stored.definition(),
                        stored.packingPlan(),
                        stored.executionState(),
                        stored.scheduler(),
                        Optional.of(new TopologyMasterLocation(TopologyId.of("earlier"), "host", 1, 2)),
                        stored.physicalPlan()));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.deactivateService().deactivate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(environment.topologyControl().calls()).isEmpty();
    }

    @Test
    void keepsTheStateWhenTheMasterCallFails() {
        environment.submitted();
        ExecutionState before = storedState();
        environment.faults().failOn("control.deactivate");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.deactivateService().deactivate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo("deactivate of topology 'wordcount' failed at 'tell topology master': injected failure at"
                        + " control.deactivate");
        assertThat(storedState()).isEqualTo(before);
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
    }

    @Test
    void tellsTheMasterTheOppositeWhenRecordingFails() {
        environment.submitted();
        ExecutionState before = storedState();
        environment.faults().failOn("stateStore.replaceExecutionState");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.deactivateService().deactivate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(storedState()).isEqualTo(before);
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
        assertThat(environment.topologyControl().calls()).hasSize(2);
        assertThat(environment.progress().lines()).endsWith("record state FAILED", "tell topology master UNDONE");
    }

    @Test
    void refusesATopologyThatIsStillBeingSubmitted() {
        environment.faults().failOn("stateStore.replaceExecutionState");
        environment.faults().failOn("stateStore.deleteAll");
        environment.faults().failOn("scheduler.kill");
        catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(TestingEnvironment.submitCommand()));
        assertThat(storedState().state()).isEqualTo(TopologyState.SUBMITTING);

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.activateService().activate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage()).contains("still being submitted");
    }

    @Test
    void reportsAMissingTopology() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.activateService().activate(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    private ExecutionState storedState() {
        return environment
                .stateStore()
                .records(name())
                .orElseThrow()
                .executionState()
                .orElseThrow();
    }
}
