package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.TIMEOUT;
import static io.egret.application.testing.TestingEnvironment.killCommand;
import static io.egret.application.testing.TestingEnvironment.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.application.testing.TestingPacker;
import io.egret.application.testing.TestingTopologies;
import io.egret.application.testing.TestingUploader;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.KillResult;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StoredTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class KillTopologyServiceTest {
    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void killsContainersThenDeletesEveryRecord() {
        environment.submitted();

        KillResult result = environment.killService().kill(killCommand());

        assertThat(result.removedState())
                .containsExactlyInAnyOrder(
                        StateNode.TOPOLOGY,
                        StateNode.PACKING_PLAN,
                        StateNode.EXECUTION_STATE,
                        StateNode.TOPOLOGY_MASTER);
        assertThat(result.stale()).isFalse();
        assertThat(result.dryRun()).isFalse();
        assertThat(environment.stateStore().isEmpty()).isTrue();
        assertThat(environment.cluster().isEmpty()).isTrue();
        assertThat(environment.progress().lines())
                .containsExactly(
                        "mark killing STARTED",
                        "mark killing DONE",
                        "kill containers STARTED",
                        "kill containers DONE",
                        "delete state STARTED",
                        "delete state DONE",
                        "remove packages STARTED",
                        "remove packages DONE");
    }

    @Test
    void reportsAMissingTopologyAsNotFound() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure.getMessage()).isEqualTo("topology 'wordcount' does not exist on local/alice/default");
    }

    @Test
    void aSecondKillFindsNothing() {
        environment.submitted();
        environment.killService().kill(killCommand());

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void refusesATopologyRunningElsewhereAndSaysWhere() {
        environment.submitted();
        StoredTopology before = environment.stateStore().records(name()).orElseThrow();
        KillCommand command = new KillCommand(new ClusterTarget("local", "alice", "staging"), name(), false, TIMEOUT);

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(command));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' runs on local/alice/default, not on local/alice/staging; use"
                        + " local/alice/default");
        assertThat(environment.stateStore().records(name())).contains(before);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void dryRunReportsWhatWouldBeRemovedAndChangesNothing() {
        environment.submitted();
        StoredTopology before = environment.stateStore().records(name()).orElseThrow();

        KillResult result = environment.killService().kill(new KillCommand(TARGET, name(), true, TIMEOUT));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.removedState()).contains(StateNode.TOPOLOGY, StateNode.EXECUTION_STATE);
        assertThat(environment.stateStore().records(name())).contains(before);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(environment.scheduler().kills()).isEmpty();
    }

    @Test
    void keepsTheStateMarkedKillingWhenTheSchedulerFailsAndFinishesOnTheNextKill() {
        environment.submitted();
        environment.faults().failOn("scheduler.kill");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo("kill of topology 'wordcount' failed at 'kill containers': injected failure at"
                        + " scheduler.kill; its state is kept so that nothing is forgotten; run 'heron kill"
                        + " local/alice/default wordcount' again");
        assertThat(failure.getCause()).hasMessage("injected failure at scheduler.kill");
        assertThat(storedState().state()).isEqualTo(TopologyState.KILLING);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);

        KillResult retry = environment.killService().kill(killCommand());

        assertThat(retry.stale()).isTrue();
        assertThat(environment.nothingLeftBehind()).isTrue();
        assertThat(environment.progress().lines())
                .endsWith("delete state DONE", "remove packages STARTED", "remove packages DONE");
        assertThat(environment.progress().lines().stream().filter(line -> line.equals("mark killing STARTED")))
                .as("the second kill does not mark it again")
                .hasSize(1);
    }

    @Test
    void finishesAKillWhoseStateDeletionFailed() {
        environment.submitted();
        environment.faults().failOn("stateStore.deleteAll");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.getMessage()).contains("failed at 'delete state'");
        assertThat(environment.cluster().isEmpty()).isTrue();
        assertThat(storedState().state()).isEqualTo(TopologyState.KILLING);

        KillResult retry = environment.killService().kill(killCommand());

        assertThat(retry.stale()).isTrue();
        assertThat(environment.nothingLeftBehindButPackages()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"stateStore.read", "stateStore.replaceExecutionState", "scheduler.kill", "stateStore.deleteAll"})
    void aFailedKillNeverOrphansContainersAndTheNextKillLeavesNothing(String operation) {
        environment.submitted();
        environment.faults().failOn(operation);

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .contains("injected failure at " + operation)
                .doesNotContain("\n");
        if (!environment.cluster().containers(name()).isEmpty()) {
            assertThat(environment.stateStore().records(name()))
                    .as("containers that still run are still recorded, so kill can find them")
                    .isPresent();
        }

        environment.killService().kill(killCommand());

        assertThat(environment.nothingLeftBehindButPackages()).isTrue();
    }

    @Test
    void cleansPartialStateLeftByACrashAndKillsByTheRecordedIncarnation() {
        TopologyId oldId = TopologyId.of("wordcount-old");
        environment.cluster().startDirectly(name(), oldId, Set.of(0, 1), TopologyState.RUNNING);
        TopologyDefinition definition = TestingTopologies.wordCount("wordcount");
        PackingPlan plan = TestingPacker.roundRobin(definition, 1);
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new TopologyMasterLocation(oldId, "host", 1, 2)),
                        Optional.of(new PhysicalPlan(oldId, 1, TopologyState.RUNNING, plan, List.of()))));

        KillResult result = environment.killService().kill(killCommand());

        assertThat(result.stale()).isTrue();
        assertThat(result.removedState()).containsExactlyInAnyOrder(StateNode.TOPOLOGY_MASTER, StateNode.PHYSICAL_PLAN);
        assertThat(environment.scheduler().kills()).singleElement().satisfies(handle -> {
            assertThat(handle.id()).isEqualTo(oldId);
            assertThat(handle.target()).isEqualTo(TARGET);
        });
        assertThat(environment.nothingLeftBehindButPackages()).isTrue();
        assertThat(environment.progress().lines()).doesNotContain("mark killing STARTED");
    }

    @Test
    void damagedRecordsAreKilledByTheCommandsTargetAndRemoved() {
        environment.cluster().startDirectly(name(), TopologyId.of("wordcount"), Set.of(0, 1), TopologyState.RUNNING);
        TopologyDefinition definition = TestingTopologies.wordCount("wordcount");
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        Optional.empty(),
                        Optional.of(TestingPacker.roundRobin(definition, 1)),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of(
                                StateNode.EXECUTION_STATE, "state record x is not valid Egret JSON",
                                StateNode.TOPOLOGY, "state record y is not valid Egret JSON")));

        KillResult result = environment.killService().kill(killCommand());

        assertThat(result.stale()).isTrue();
        assertThat(result.removedState())
                .containsExactlyInAnyOrder(StateNode.TOPOLOGY, StateNode.PACKING_PLAN, StateNode.EXECUTION_STATE);
        assertThat(environment.scheduler().kills())
                .singleElement()
                .satisfies(handle -> assertThat(handle.target()).isEqualTo(TARGET));
        assertThat(environment.stateStore().isEmpty()).isTrue();
    }

    @Test
    void removesTheTopologysUploadedPackagesWithItsRecords() {
        environment.submitted();
        assertThat(environment.uploader().storedPackages()).isNotEmpty();

        KillResult result = environment.killService().kill(killCommand());

        assertThat(result.removedPackages()).hasSize(1);
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @Test
    void aPackageWithoutAnyRecordIsALeftoverThatKillRemoves() {
        environment.uploader().storeDirectly("abc", name());

        KillResult dryRun =
                environment.killService().kill(new KillCommand(TARGET, name(), true, Duration.ofSeconds(5)));
        KillResult result = environment.killService().kill(killCommand());

        assertThat(dryRun.removedPackages()).containsExactly(TestingUploader.uri("abc"));
        assertThat(environment.uploader().storedPackages()).isEmpty();
        assertThat(result.stale()).isTrue();
        assertThat(result.removedState()).isEmpty();
        assertThat(result.removedPackages()).containsExactly(TestingUploader.uri("abc"));
        assertThat(environment.scheduler().kills()).singleElement().satisfies(handle -> {
            assertThat(handle.name()).isEqualTo(name());
            assertThat(handle.target()).isEqualTo(TARGET);
        });
        assertThat(catchThrowableOfType(
                                EgretException.class,
                                () -> environment.killService().kill(killCommand()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void cleansAStaleSubmit() {
        TopologyDefinition definition = TestingTopologies.wordCount("wordcount");
        ExecutionState submitting = Lifecycle.submitting(
                name(), TopologyId.of("old"), TARGET, "bob", Instant.parse("2025-12-31T00:00:00Z"), "0.0.9");
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        Optional.of(definition),
                        Optional.of(TestingPacker.roundRobin(definition, 2)),
                        Optional.of(submitting),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));

        KillResult result = environment.killService().kill(killCommand());

        assertThat(result.stale()).isTrue();
        assertThat(environment.stateStore().isEmpty()).isTrue();
    }

    @Test
    void wrapsAnUnexpectedSchedulerExceptionAsInternal() {
        environment.submitted();
        IllegalStateException bug = new IllegalStateException("response body closed");
        environment.faults().failOn("scheduler.kill", 1, bug);

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(killCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failure.getCause()).isSameAs(bug);
        assertThat(storedState().state()).isEqualTo(TopologyState.KILLING);
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
