package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.application.testing.TestingTopologies;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.ports.in.UpdateCommand;
import io.egret.ports.in.UpdateResult;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.StoredTopology;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class UpdateTopologyServiceTest {
    private static final UpdateCommand GROW = update(Map.of(), OptionalInt.of(3));
    private static final UpdateCommand SHRINK = update(Map.of(), OptionalInt.of(1));
    private static final UpdateCommand MORE_COUNTERS = update(Map.of("count", 3), OptionalInt.empty());

    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void changesParallelismWithinTheSameContainers() {
        environment.submitted();
        StoredTopology before = stored();

        UpdateResult result = environment.updateService().update(MORE_COUNTERS);

        assertThat(result.dryRun()).isFalse();
        assertThat(result.oldPlan()).isEqualTo(before.packingPlan().orElseThrow());
        assertThat(result.newPlan().componentCounts()).containsEntry("count", 3).containsEntry("word", 2);
        StoredTopology after = stored();
        assertThat(after.definition().orElseThrow().parallelism()).containsEntry("count", 3);
        assertThat(after.packingPlan()).contains(result.newPlan());
        assertThat(after.executionState()).isEqualTo(before.executionState());
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
        assertThat(environment.stateStore().isLocked(name())).isFalse();
        assertThat(environment.progress().lines())
                .containsExactly(
                        "repack STARTED",
                        "repack DONE",
                        "check fit STARTED",
                        "check fit DONE",
                        "take update lock STARTED",
                        "take update lock DONE",
                        "record intent STARTED",
                        "record intent DONE",
                        "deactivate STARTED",
                        "deactivate DONE",
                        "publish plan STARTED",
                        "publish plan DONE",
                        "reactivate STARTED",
                        "reactivate DONE",
                        "finish update STARTED",
                        "finish update DONE");
    }

    @Test
    void addsContainersBeforePublishingThePlan() {
        environment.submitted();

        UpdateResult result = environment.updateService().update(GROW);

        assertThat(result.newPlan().containers()).extracting(ContainerPlan::id).containsExactly(1, 2, 3);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(stored().packingPlan()).contains(result.newPlan());
        List<String> lines = environment.progress().lines();
        assertThat(lines.indexOf("add containers DONE")).isLessThan(lines.indexOf("publish plan STARTED"));
    }

    @Test
    void removesContainersAfterReactivating() {
        environment.submitted();

        UpdateResult result = environment.updateService().update(SHRINK);

        assertThat(result.newPlan().containers()).extracting(ContainerPlan::id).containsExactly(1);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1);
        List<String> lines = environment.progress().lines();
        assertThat(lines.indexOf("reactivate DONE")).isLessThan(lines.indexOf("remove containers STARTED"));
        assertThat(lines).endsWith("finish update DONE");
    }

    @Test
    void updatesAPausedTopologyWithoutTouchingItsMaster() {
        environment
                .submitService()
                .submit(TestingEnvironment.submitCommand(true, false, false, WaitCondition.SUBMITTED));

        environment.updateService().update(GROW);

        assertThat(environment.topologyControl().calls()).isEmpty();
        assertThat(stored().executionState().orElseThrow().state()).isEqualTo(TopologyState.PAUSED);
        assertThat(stored().executionState().orElseThrow().update()).isEmpty();
    }

    @Test
    void dryRunShowsBothPlansAndChangesNothing() {
        environment.submitted();
        StoredTopology before = stored();

        UpdateResult result = environment.updateService().update(dryRun(GROW));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.oldPlan()).isEqualTo(before.packingPlan().orElseThrow());
        assertThat(result.newPlan().containers()).hasSize(3);
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(environment.faults().calls("stateStore.lock")).isZero();
    }

    @Test
    void refusesAnUnknownComponentAndListsTheValidOnes() {
        environment.submitted();

        EgretException failure = refusal(update(Map.of("cont", 3), OptionalInt.empty()));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("unknown component 'cont' in topology 'wordcount'; its components are [word, count]");
    }

    @Test
    void refusesParallelismBelowOne() {
        environment.submitted();

        EgretException failure = refusal(update(Map.of("count", 0), OptionalInt.empty()));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).isEqualTo("parallelism of component 'count' must be at least 1, got 0");
    }

    @Test
    void refusesAnEmptyRequest() {
        environment.submitted();

        EgretException failure = refusal(update(Map.of(), OptionalInt.empty()));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).startsWith("nothing to change for topology 'wordcount'");
    }

    @Test
    void refusesARequestThatChangesNothingEvenAbove127() {
        TestingEnvironment large = new TestingEnvironment(TestingTopologies.wordCount("wordcount", 2, 200, 2));
        large.submitted();

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> large.updateService().update(update(Map.of("count", Integer.valueOf(200)), OptionalInt.of(2))));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("nothing to change: topology 'wordcount' already runs with parallelism {word=2, count=200}"
                        + " in 2 containers");
    }

    @Test
    void refusesToAddContainersTheSchedulerCannotAdd() {
        environment.submitted();
        environment.scheduler().capabilities(new SchedulerCapabilities(true, true, false, true));

        EgretException failure = refusal(GROW);

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).contains("capability addContainers").contains("[3]");
    }

    @Test
    void refusesToRemoveContainersTheSchedulerCannotRemove() {
        environment.submitted();
        environment.scheduler().capabilities(new SchedulerCapabilities(true, true, true, false));

        EgretException failure = refusal(SHRINK);

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).contains("capability removeContainers").contains("[2]");
    }

    @Test
    void needsNoScalingCapabilityToChangeParallelismOnly() {
        environment.submitted();
        environment.scheduler().capabilities(new SchedulerCapabilities(true, true, false, false));

        UpdateResult result = environment.updateService().update(MORE_COUNTERS);

        assertThat(result.newPlan().componentCounts()).containsEntry("count", 3);
    }

    @Test
    void refusesAPlanThatDoesNotFit() {
        environment.submitted();
        environment.packer().violations(List.of("container 3 needs 5 cores, at most 4 fit"));

        EgretException failure = refusal(GROW);

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("the updated topology 'wordcount' does not fit the cluster: container 3 needs 5 cores, at"
                        + " most 4 fit");
    }

    @Test
    void refusesWhileAnotherUpdateHoldsTheLock() {
        environment.submitted();
        environment.stateStore().holdLock(name());

        EgretException failure = refusal(GROW);

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage()).contains("update lock");
    }

    @Test
    void refusesARunningTopologyWhoseMasterHasNotRegistered() {
        environment.launcher().masterRegisters(false);
        environment.submitted();

        EgretException failure = refusal(GROW);

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage()).startsWith("topology master of 'wordcount' has not registered yet");
    }

    @Test
    void refusesATopologyThatIsBeingKilled() {
        environment.submitted();
        environment.faults().failOn("scheduler.kill");
        catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(TestingEnvironment.killCommand()));

        EgretException failure = refusal(GROW);

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("cannot update topology 'wordcount': it is being killed; run 'heron kill' again to finish"
                        + " the kill");
    }

    @Test
    void refusesATopologyWhoseEarlierUpdateDidNotFinish() {
        environment.submitted();
        environment.faults().failOn("stateStore.replaceExecutionState", 2, EgretException.unreachable("down", null));
        environment.faults().failOn("stateStore.replaceExecutionState", 3, EgretException.unreachable("down", null));
        catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(GROW));
        assertThat(stored().executionState().orElseThrow().update()).isPresent();

        EgretException failure = refusal(MORE_COUNTERS);

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .startsWith("cannot update topology 'wordcount': an update is in progress since");
    }

    @Test
    void changesNothingWhenAnotherProcessChangedTheTopologyMeanwhile() {
        environment.submitted();
        ExecutionState running = stored().executionState().orElseThrow();
        // Another process deactivates the topology while this update waits for the lock.
        environment
                .faults()
                .beforeCall(
                        "stateStore.lock",
                        1,
                        () -> environment.deactivateService().deactivate(TestingEnvironment.topologyCommand()));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(GROW));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage()).startsWith("update of topology 'wordcount' failed at 'record intent'");
        ExecutionState after = stored().executionState().orElseThrow();
        assertThat(after.state()).isEqualTo(TopologyState.PAUSED);
        assertThat(after.id()).isEqualTo(running.id());
        assertThat(after.update()).isEmpty();
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(environment.stateStore().isLocked(name())).isFalse();
    }

    @Test
    void refusesATopologyThatDoesNotExist() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(GROW));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    static Stream<Arguments> failingSteps() {
        return Stream.of(
                Arguments.of("grow", "packer.repack", 1),
                Arguments.of("grow", "packer.fitViolations", 1),
                Arguments.of("grow", "stateStore.lock", 1),
                Arguments.of("grow", "stateStore.replaceExecutionState", 1),
                Arguments.of("grow", "control.deactivate", 1),
                Arguments.of("grow", "scheduler.addContainers", 1),
                // Fails after the containers started: they must be removed again.
                Arguments.of("grow", "scheduler.afterAddContainers", 1),
                Arguments.of("grow", "stateStore.replacePlan", 1),
                Arguments.of("grow", "control.activate", 1),
                Arguments.of("grow", "stateStore.replaceExecutionState", 2),
                Arguments.of("shrink", "stateStore.lock", 1),
                Arguments.of("shrink", "stateStore.replaceExecutionState", 1),
                Arguments.of("shrink", "control.deactivate", 1),
                Arguments.of("shrink", "stateStore.replacePlan", 1),
                Arguments.of("shrink", "control.activate", 1),
                Arguments.of("shrink", "scheduler.removeContainers", 1),
                // Fails after the containers stopped: they must be started again.
                Arguments.of("shrink", "scheduler.afterRemoveContainers", 1),
                Arguments.of("shrink", "stateStore.replaceExecutionState", 2),
                Arguments.of("parallelism", "stateStore.replacePlan", 1),
                Arguments.of("parallelism", "control.activate", 1),
                Arguments.of("parallelism", "stateStore.replaceExecutionState", 2));
    }

    @ParameterizedTest(name = "{0}: {1} call {2}")
    @MethodSource("failingSteps")
    void compensatesBackToTheOldPlanWhenAStepFails(String scenario, String operation, int call) {
        environment.submitted();
        StoredTopology before = stored();
        Set<Integer> containersBefore = environment.cluster().containers(name());
        environment
                .faults()
                .failOn(operation, call, EgretException.unreachable("injected failure at " + operation, null));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(command(scenario)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .startsWith("update of topology 'wordcount' failed at '")
                .contains("injected failure at " + operation)
                .doesNotContain("cleanup incomplete")
                .doesNotContain("\n");
        StoredTopology after = stored();
        assertThat(after.definition()).isEqualTo(before.definition());
        assertThat(after.packingPlan()).isEqualTo(before.packingPlan());
        assertThat(after.executionState()).isEqualTo(before.executionState());
        assertThat(environment.cluster().containers(name())).isEqualTo(containersBefore);
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
        assertThat(environment.stateStore().isLocked(name())).isFalse();
    }

    @Test
    void keepsCompensatingWhenAnUndoFailsAndSaysWhatIsLeft() {
        environment.submitted();
        environment.faults().failOn("scheduler.removeContainers");
        environment.faults().failOn("stateStore.replacePlan", 2, EgretException.unreachable("store gone", null));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(SHRINK));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo("update of topology 'wordcount' failed at 'remove containers': injected failure at"
                        + " scheduler.removeContainers; cleanup incomplete, left behind: the new packing plan; check"
                        + " 'heron status local/alice/default wordcount' and run the update again, or 'heron kill"
                        + " local/alice/default wordcount'");
        assertThat(failure.getSuppressed())
                .singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessage("store gone"));
        // The undo steps after the failed one still ran.
        ExecutionState executionState = stored().executionState().orElseThrow();
        assertThat(executionState.update()).isEmpty();
        assertThat(environment.cluster().state(name())).contains(TopologyState.RUNNING);
        assertThat(environment.stateStore().isLocked(name())).isFalse();
    }

    private EgretException refusal(UpdateCommand command) {
        StoredTopology before = stored();
        Set<Integer> containersBefore = environment.cluster().containers(name());
        List<String> masterCallsBefore = environment.topologyControl().calls();
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.updateService().update(command));
        assertThat(stored()).isEqualTo(before);
        assertThat(environment.cluster().containers(name())).isEqualTo(containersBefore);
        assertThat(environment.topologyControl().calls()).isEqualTo(masterCallsBefore);
        assertThat(environment.stateStore().isLocked(name()))
                .isEqualTo(failure.getMessage().contains("update lock"));
        return failure;
    }

    private StoredTopology stored() {
        return environment.stateStore().records(name()).orElseThrow();
    }

    private static UpdateCommand command(String scenario) {
        return switch (scenario) {
            case "grow" -> GROW;
            case "shrink" -> SHRINK;
            case "parallelism" -> MORE_COUNTERS;
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        };
    }

    private static UpdateCommand update(Map<String, Integer> parallelism, OptionalInt containers) {
        return new UpdateCommand(TARGET, name(), parallelism, containers, false);
    }

    private static UpdateCommand dryRun(UpdateCommand command) {
        return new UpdateCommand(command.target(), command.name(), command.parallelism(), command.containers(), true);
    }
}
