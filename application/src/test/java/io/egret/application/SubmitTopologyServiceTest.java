package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static io.egret.application.testing.TestingEnvironment.submitCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.application.testing.TestingTopologies;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.SubmitResult;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.StoredTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SubmitTopologyServiceTest {
    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void submitsRecordsLaunchesAndMarksRunning() {
        SubmitResult result = environment.submitService().submit(submitCommand());

        assertThat(result.dryRun()).isFalse();
        ExecutionState executionState = result.executionState().orElseThrow();
        assertThat(executionState.state()).isEqualTo(TopologyState.RUNNING);
        assertThat(executionState.id()).isEqualTo(TopologyId.of("wordcount-00000000-0000-0000-0000-000000000001"));
        assertThat(executionState.target()).isEqualTo(TARGET);
        assertThat(executionState.submitUser()).isEqualTo("alice");
        assertThat(executionState.releaseVersion()).isEqualTo("0.1.0-test");
        StoredTopology stored = environment.stateStore().records(name()).orElseThrow();
        assertThat(stored.definition()).contains(TestingTopologies.wordCount("wordcount"));
        assertThat(stored.packingPlan()).contains(result.packingPlan());
        assertThat(stored.executionState()).contains(executionState);
        assertThat(result.packingPlan().containers()).hasSize(2);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(environment.uploader().storedPackages()).hasSize(1);
        assertThat(environment.packager().temporaryFiles()).isEmpty();
        assertThat(environment.progress().lines())
                .containsExactly(
                        "load definition STARTED",
                        "load definition DONE",
                        "pack STARTED",
                        "pack DONE",
                        "check fit STARTED",
                        "check fit DONE",
                        "check name STARTED",
                        "check name DONE",
                        "build package STARTED",
                        "build package DONE",
                        "upload package STARTED",
                        "upload package DONE",
                        "discard package file STARTED",
                        "discard package file DONE",
                        "record state STARTED",
                        "record state DONE",
                        "launch STARTED",
                        "launch DONE",
                        "mark running STARTED",
                        "mark running DONE");
        assertThat(environment.progress().events())
                .allMatch(event -> event.operation().equals("submit"));
    }

    @Test
    void passesTheCommandToTheLoader() {
        environment.submitService().submit(submitCommand());

        assertThat(environment.loader().requests()).singleElement().satisfies(request -> {
            assertThat(request.className()).isEqualTo("example.WordCount");
            assertThat(request.arguments()).containsExactly("wordcount");
        });
    }

    @Test
    void passesTheExtraLaunchClassPathToTheLoader() {
        SubmitCommand base = submitCommand();
        SubmitCommand command = new SubmitCommand(
                base.target(),
                base.submitUser(),
                base.topologyFile(),
                base.className(),
                base.arguments(),
                Map.of("k", "v"),
                false,
                false,
                false,
                base.waitUntil(),
                base.timeout(),
                List.of(Path.of("/opt/plugins.jar")));

        environment.submitService().submit(command);

        assertThat(environment.loader().requests()).singleElement().satisfies(request -> {
            assertThat(request.extraClassPath()).containsExactly(Path.of("/opt/plugins.jar"));
            assertThat(request.systemProperties()).containsEntry("k", "v");
        });
    }

    @Test
    void deployDeactivatedRecordsPaused() {
        SubmitResult result =
                environment.submitService().submit(submitCommand(true, false, false, WaitCondition.SUBMITTED));

        assertThat(result.executionState().orElseThrow().state()).isEqualTo(TopologyState.PAUSED);
        assertThat(environment
                        .stateStore()
                        .records(name())
                        .orElseThrow()
                        .executionState()
                        .orElseThrow()
                        .state())
                .isEqualTo(TopologyState.PAUSED);
        assertThat(environment.progress().lines()).contains("mark paused DONE");
    }

    @Test
    void dryRunLoadsAndPacksOnly() {
        SubmitResult result =
                environment.submitService().submit(submitCommand(false, true, false, WaitCondition.SUBMITTED));

        assertThat(result.dryRun()).isTrue();
        assertThat(result.executionState()).isEmpty();
        assertThat(result.packingPlan().containers()).hasSize(2);
        assertThat(environment.faults().calledOperations())
                .containsExactly("loader.load", "packer.fitViolations", "packer.pack");
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @Test
    void refusesAPlanThatDoesNotFitBeforeWritingAnything() {
        environment.packer().violations(List.of("container 1 needs 9 cores, the largest offer has 8"));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' does not fit the cluster: container 1 needs 9 cores, the largest offer"
                        + " has 8");
        assertThat(environment.nothingLeftBehind()).isTrue();
        assertThat(environment.faults().calls("packager.build")).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void refusesEffectivelyOnceBeforePackingOnSubmitAndDryRun(boolean dryRun) {
        TopologyDefinition wordCount = TestingTopologies.wordCount("wordcount");
        Map<String, String> config = new java.util.HashMap<>(wordCount.config());
        config.put("topology.reliability.mode", "effectively_once");
        environment.loader().definition(new TopologyDefinition(wordCount.name(), wordCount.components(), config));

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, dryRun, false, WaitCondition.SUBMITTED)));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' asks for topology.reliability.mode EFFECTIVELY_ONCE, which is not"
                        + " available yet in Egret (no stateful checkpoints); remove it or use ATMOST_ONCE")
                .doesNotContain("\n");
        assertThat(environment.faults().calls("packer.pack")).isZero();
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @Test
    void refusesAnExistingTopologyAndSaysWhatExists() {
        environment.submitted();

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .startsWith("topology 'wordcount' already exists on local/alice/default (records topologies,"
                        + " packingplans, executionstate, tmanagers of topology id"
                        + " wordcount-00000000-0000-0000-0000-000000000001), RUNNING since submission at ")
                .endsWith("; use --replace to replace it, or run 'heron kill local/alice/default wordcount' first");
        assertThat(failure.getMessage()).doesNotContain("\n");
        assertThat(environment.faults().calls("packager.build")).isZero();
        assertThat(environment.faults().calls("uploader.upload")).isZero();
        assertThat(environment.packager().temporaryFiles()).isEmpty();
    }

    @Test
    void callsAStaleSubmittingTopologyStaleAndSaysHowToCleanIt() {
        putStaleSubmitting();

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .contains("SUBMITTING since submission at 2025-12-31T00:00:00Z by bob")
                .contains("of topology id old-id")
                .endsWith("a submit that did not finish is stale; run 'heron kill local/alice/default wordcount' to"
                        + " clean it up");
    }

    @Test
    void callsPartialStateStale() {
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new TopologyMasterLocation(TopologyId.of("old-id"), "host", 1, 2)),
                        Optional.empty()));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' already exists as partial state (records tmanagers of topology id"
                        + " old-id), stale from an earlier failure; run 'heron kill local/alice/default wordcount' to"
                        + " clean it up");
    }

    @Test
    void replaceUploadsTheNewPackageBeforeKillingTheOldTopology() {
        environment.submitted();
        TopologyId oldId = currentState().id();
        TopologyDefinition changed = TestingTopologies.wordCount("wordcount", 3, 3, 3);
        environment.loader().definition(changed);

        SubmitResult result =
                environment.submitService().submit(submitCommand(false, false, true, WaitCondition.SUBMITTED));

        ExecutionState executionState = result.executionState().orElseThrow();
        assertThat(executionState.id()).isNotEqualTo(oldId);
        assertThat(environment.stateStore().records(name()).orElseThrow().definition())
                .contains(changed);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(environment.scheduler().kills())
                .singleElement()
                .satisfies(handle -> assertThat(handle.id()).isEqualTo(oldId));
        List<String> lines = environment.progress().lines();
        assertThat(lines.indexOf("upload package DONE")).isLessThan(lines.indexOf("replace: kill containers STARTED"));
        assertThat(lines.indexOf("replace: delete state DONE")).isLessThan(lines.indexOf("record state STARTED"));
        assertThat(lines).contains("replace: mark killing DONE");
    }

    @Test
    void saysWhenTheReplacedTopologyIsGoneAlthoughTheNewOneFailed() {
        environment.submitted();
        environment.faults().failOn("launcher.launch");

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, true, WaitCondition.SUBMITTED)));

        assertThat(failure.getMessage())
                .isEqualTo("submit of topology 'wordcount' failed at 'launch': injected failure at launcher.launch;"
                        + " the topology it was to replace had been killed already");
        assertThat(environment.stateStore().isEmpty()).isTrue();
        assertThat(environment.cluster().isEmpty()).isTrue();
    }

    @Test
    void saysHowToFinishAReplacedTopologyWhoseKillFailed() {
        environment.submitted();
        environment.faults().failOn("scheduler.kill");

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, true, WaitCondition.SUBMITTED)));

        assertThat(failure.getMessage())
                .isEqualTo("submit of topology 'wordcount' failed at 'replace: kill containers': injected failure at"
                        + " scheduler.kill; the topology it was to replace may be marked KILLING and still run; run"
                        + " 'heron kill local/alice/default wordcount' to finish killing it, then submit again");
        assertThat(environment.uploader().storedPackages()).hasSize(1);
        assertThat(environment.packager().temporaryFiles()).isEmpty();
        environment.killService().kill(TestingEnvironment.killCommand());
        assertThat(environment.nothingLeftBehindButPackages()).isTrue();
    }

    @Test
    void replaceKeepsTheOldTopologyWhenTheNewPackageCannotBeUploaded() {
        environment.submitted();
        StoredTopology before = environment.stateStore().records(name()).orElseThrow();
        environment.faults().failOn("uploader.upload");

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, true, WaitCondition.SUBMITTED)));

        assertThat(failure.getMessage()).doesNotContain("killed");
        assertThat(environment.stateStore().records(name())).contains(before);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void replaceCleansStaleState() {
        putStaleSubmitting();

        SubmitResult result =
                environment.submitService().submit(submitCommand(false, false, true, WaitCondition.SUBMITTED));

        assertThat(result.executionState().orElseThrow().state()).isEqualTo(TopologyState.RUNNING);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void replaceRefusesATopologyRunningElsewhere() {
        environment.submitted();
        StoredTopology before = environment.stateStore().records(name()).orElseThrow();
        ClusterTarget elsewhere = new ClusterTarget("local", "bob", "default");
        io.egret.ports.in.SubmitCommand base = submitCommand(false, false, true, WaitCondition.SUBMITTED);
        io.egret.ports.in.SubmitCommand command = new io.egret.ports.in.SubmitCommand(
                elsewhere,
                base.submitUser(),
                base.topologyFile(),
                base.className(),
                base.arguments(),
                base.systemProperties(),
                false,
                false,
                true,
                WaitCondition.SUBMITTED,
                base.timeout());

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(command));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' runs on local/alice/default, not on local/bob/default; use"
                        + " local/alice/default");
        assertThat(environment.stateStore().records(name())).contains(before);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void waitsUntilEveryContainerReports() {
        SubmitResult result =
                environment.submitService().submit(submitCommand(false, false, false, WaitCondition.RUNNING));

        assertThat(result.executionState().orElseThrow().state()).isEqualTo(TopologyState.RUNNING);
        assertThat(environment.progress().lines()).endsWith("wait for running STARTED", "wait for running DONE");
        assertThat(environment.faults().calls("control.status")).isEqualTo(1);
    }

    @Test
    void keepsWaitingWhileTheMasterDoesNotAnswerYet() {
        environment.faults().failOn("control.status");

        environment.submitService().submit(submitCommand(false, false, false, WaitCondition.RUNNING));

        assertThat(environment.faults().calls("control.status")).isEqualTo(2);
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void undoesEverythingWhenTheMasterNeverRegisters() {
        environment.launcher().masterRegisters(false);

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, false, WaitCondition.RUNNING)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo("submit of topology 'wordcount' failed at 'wait for running': topology 'wordcount' was"
                        + " not running within PT1M: the topology master has not registered yet; the scheduler"
                        + " reports every container running");
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @Test
    void namesTheContainersThatNeverRegister() {
        environment.topologyControl().hideContainer(2);

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, false, WaitCondition.RUNNING)));

        assertThat(failure.getMessage()).contains("containers [2] have not registered with the topology master");
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "loader.load",
                "packer.pack",
                "packer.fitViolations",
                "stateStore.read",
                "packager.build",
                "uploader.upload",
                "packager.discard",
                "stateStore.create",
                "launcher.launch",
                "launcher.afterStart",
                "stateStore.putTopologyMasterLocation",
                "stateStore.replaceExecutionState",
                "control.status"
            })
    void leavesNothingBehindWhenAStepFails(String operation) {
        if (operation.equals("control.status")) {
            // A master that keeps failing: waiting gives up at the deadline instead of at the first failure.
            environment.faults().failAlwaysOn(operation);
        } else {
            environment.faults().failOn(operation);
        }

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.submitService().submit(submitCommand(false, false, false, WaitCondition.RUNNING)));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage()).startsWith("submit of ").contains("injected failure at " + operation);
        assertThat(failure.getMessage()).doesNotContain("\n").doesNotContain("cleanup incomplete");
        assertThat(failure.getSuppressed()).isEmpty();
        assertThat(environment.nothingLeftBehind()).isTrue();
        assertThat(environment.progress().events()).anyMatch(event -> event.status() == ProgressEvent.Status.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"packager.build", "uploader.upload", "stateStore.create", "launcher.launch"})
    void wrapsAnUnexpectedExceptionAsInternalAndStillCleansUp(String operation) {
        IllegalStateException bug = new IllegalStateException("boom\nsecond line");
        environment.faults().failOn(operation, 1, bug);

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failure.getCause()).isSameAs(bug);
        assertThat(failure.getMessage())
                .endsWith(": unexpected java.lang.IllegalStateException: boom second line")
                .doesNotContain("\n");
        assertThat(environment.nothingLeftBehind()).isTrue();
    }

    @Test
    void reportsEveryUndoneStep() {
        environment.faults().failOn("stateStore.replaceExecutionState");

        catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(environment.progress().lines())
                .endsWith(
                        "mark running STARTED",
                        "mark running FAILED",
                        "launch UNDONE",
                        "record state UNDONE",
                        "upload package UNDONE",
                        "build package UNDONE");
    }

    @Test
    void keepsUndoingWhenAnUndoFailsAndSaysWhatIsLeft() {
        environment.faults().failOn("stateStore.replaceExecutionState");
        environment.faults().failOn("scheduler.kill");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo("submit of topology 'wordcount' failed at 'mark running': injected failure at"
                        + " stateStore.replaceExecutionState; cleanup incomplete, left behind: the containers of"
                        + " 'wordcount'; run 'heron kill local/alice/default wordcount' to remove state and containers,"
                        + " and delete any package named above");
        assertThat(failure.getSuppressed())
                .singleElement()
                .satisfies(suppressed -> assertThat(suppressed).hasMessage("injected failure at scheduler.kill"));
        // The other undo steps still ran.
        assertThat(environment.stateStore().isEmpty()).isTrue();
        assertThat(environment.uploader().storedPackages()).isEmpty();
        assertThat(environment.packager().temporaryFiles()).isEmpty();
        assertThat(environment.cluster().containers(name())).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void leavesTheStateOfAConcurrentSubmitAlone() {
        TopologyDefinition definition = TestingTopologies.wordCount("wordcount");
        ExecutionState theirs = Lifecycle.submitting(
                name(), TopologyId.of("theirs"), TARGET, "bob", java.time.Instant.parse("2026-01-01T00:00:00Z"), "1");
        StoredTopology theirRecords = new StoredTopology(
                name(),
                Optional.of(definition),
                Optional.of(io.egret.application.testing.TestingPacker.roundRobin(definition, 2)),
                Optional.of(theirs),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        // Another submit of the same name records its state after this one checked the name.
        environment
                .faults()
                .beforeCall(
                        "stateStore.create", 1, () -> environment.stateStore().putRecords(theirRecords));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .contains("failed at 'record state'")
                .containsPattern("the uploaded package \\S+ was kept: the submission that recorded 'wordcount' first"
                        + " may be using it$");
        assertThat(environment.stateStore().records(name())).contains(theirRecords);
        // Packages are content-addressed under the name: the winner's may be this very one, so it stays.
        assertThat(environment.uploader().storedPackages()).hasSize(1);
        assertThat(environment.packager().temporaryFiles()).isEmpty();
        assertThat(environment.cluster().isEmpty()).isTrue();
    }

    @Test
    void doesNotDeleteAPackageItDidNotUpload() {
        environment.submitted();
        // The records are gone but the package stays, as for a submission whose package another one shares.
        environment.stateStore().deleteAll(TestingEnvironment.killCommand().name());
        Set<String> packages = environment.uploader().storedPackages();
        assertThat(packages).hasSize(1);
        environment.faults().failOn("stateStore.create");

        catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(submitCommand()));

        assertThat(environment.uploader().storedPackages()).isEqualTo(packages);
        assertThat(environment.stateStore().isEmpty()).isTrue();
        assertThat(environment.packager().temporaryFiles()).isEmpty();
    }

    @Test
    void refusesBadInputBeforeDoingAnything() {
        io.egret.ports.in.SubmitCommand base = submitCommand();
        io.egret.ports.in.SubmitCommand command = new io.egret.ports.in.SubmitCommand(
                base.target(),
                base.submitUser(),
                base.topologyFile(),
                " ",
                base.arguments(),
                base.systemProperties(),
                false,
                false,
                false,
                WaitCondition.SUBMITTED,
                base.timeout());

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.submitService().submit(command));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(environment.faults().calledOperations()).isEmpty();
    }

    private void putStaleSubmitting() {
        TopologyDefinition definition = TestingTopologies.wordCount("wordcount");
        PackingPlan plan = io.egret.application.testing.TestingPacker.roundRobin(definition, 2);
        ExecutionState submitting = Lifecycle.submitting(
                name(),
                TopologyId.of("old-id"),
                TARGET,
                "bob",
                java.time.Instant.parse("2025-12-31T00:00:00Z"),
                "0.0.9");
        environment
                .stateStore()
                .putRecords(new StoredTopology(
                        name(),
                        Optional.of(definition),
                        Optional.of(plan),
                        Optional.of(submitting),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
    }

    private ExecutionState currentState() {
        return environment
                .stateStore()
                .records(name())
                .orElseThrow()
                .executionState()
                .orElseThrow();
    }
}
