package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static io.egret.application.testing.TestingEnvironment.topologyCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.application.testing.TestingTopologies;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.TopologyStatus;
import io.egret.ports.in.TopologySummary;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.StoredTopology;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class StatusAndListTest {
    private final TestingEnvironment environment = new TestingEnvironment();

    @Test
    void reportsStateSchedulerAndMaster() {
        environment.submitted();

        TopologyStatus status = environment.statusService().status(topologyCommand());

        assertThat(status.executionState().state()).isEqualTo(TopologyState.RUNNING);
        assertThat(status.packingPlan().containers()).hasSize(2);
        assertThat(status.containers()).extracting(ContainerStatus::containerId).containsExactly(0, 1, 2);
        assertThat(status.runtime()).hasValueSatisfying(runtime -> {
            assertThat(runtime.state()).isEqualTo(TopologyState.RUNNING);
            assertThat(runtime.containersAlive()).containsEntry(1, true).containsEntry(2, true);
        });
        assertThat(status.problems()).isEmpty();
        assertThat(environment.progress().lines())
                .containsExactly(
                        "ask scheduler STARTED",
                        "ask scheduler DONE",
                        "ask topology master STARTED",
                        "ask topology master DONE");
    }

    @Test
    void reportsAnUnreachableMasterAsAProblem() {
        environment.submitted();
        environment.faults().failOn("control.status");

        TopologyStatus status = environment.statusService().status(topologyCommand());

        assertThat(status.runtime()).isEmpty();
        assertThat(status.containers()).hasSize(3);
        assertThat(status.problems())
                .containsExactly("the topology master at master-wordcount:8080 did not answer: injected failure at"
                        + " control.status");
        assertThat(environment.progress().lines()).endsWith("ask topology master FAILED");
    }

    @Test
    void reportsAFailingSchedulerAsAProblem() {
        environment.submitted();
        environment.faults().failOn("scheduler.status", 1, new IllegalStateException("closed"));

        TopologyStatus status = environment.statusService().status(topologyCommand());

        assertThat(status.containers()).isEmpty();
        assertThat(status.runtime()).isPresent();
        assertThat(status.problems())
                .containsExactly(
                        "the scheduler did not report the containers: unexpected java.lang.IllegalStateException: closed");
    }

    @Test
    void reportsAMasterThatHasNotRegistered() {
        environment.launcher().masterRegisters(false);
        environment.submitted();

        TopologyStatus status = environment.statusService().status(topologyCommand());

        assertThat(status.runtime()).isEmpty();
        assertThat(status.problems()).containsExactly("the topology master has not registered yet");
        assertThat(environment.faults().calls("control.status")).isZero();
    }

    @Test
    void statusOfAMissingTopologyIsNotFound() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.statusService().status(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void statusOfPartialStateSaysHowToCleanIt() {
        environment.stateStore().putRecords(partialState("wordcount"));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.statusService().status(topologyCommand()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' has only partial state (records tmanagers), left by an earlier"
                        + " failure; run 'heron kill local/alice/default wordcount' to clean it up");
    }

    @Test
    void listsTopologiesOfTheClusterFilteredByRoleAndEnvironIncludingPartialState() {
        environment.submitted();
        environment.loader().definition(TestingTopologies.wordCount("other"));
        environment.submitService().submit(submitAs(new ClusterTarget("local", "bob", "prod")));
        environment.stateStore().putRecords(partialState("leftover"));

        List<TopologySummary> all =
                environment.listService().list(new ListQuery("local", Optional.empty(), Optional.empty()));
        List<TopologySummary> alices =
                environment.listService().list(new ListQuery("local", Optional.of("alice"), Optional.empty()));
        List<TopologySummary> prod =
                environment.listService().list(new ListQuery("local", Optional.empty(), Optional.of("prod")));
        List<TopologySummary> elsewhere =
                environment.listService().list(new ListQuery("aurora", Optional.empty(), Optional.empty()));

        assertThat(all).extracting(summary -> summary.name().value()).containsExactly("leftover", "other", "wordcount");
        assertThat(all)
                .filteredOn(summary -> summary.name().value().equals("wordcount"))
                .singleElement()
                .satisfies(summary -> {
                    assertThat(summary.containers()).isEqualTo(2);
                    assertThat(summary.executionState()).isPresent();
                });
        assertThat(all)
                .filteredOn(summary -> summary.name().value().equals("leftover"))
                .singleElement()
                .satisfies(summary -> {
                    assertThat(summary.containers()).isZero();
                    assertThat(summary.executionState()).isEmpty();
                });
        assertThat(alices).extracting(summary -> summary.name().value()).containsExactly("leftover", "wordcount");
        assertThat(prod).extracting(summary -> summary.name().value()).containsExactly("leftover", "other");
        assertThat(elsewhere).extracting(summary -> summary.name().value()).containsExactly("leftover");
    }

    @Test
    void damagedRecordsAreNamedByStatusAndShownByList() {
        environment.stateStore().putRecords(damagedState("wordcount"));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.statusService().status(topologyCommand()));
        List<TopologySummary> all =
                environment.listService().list(new ListQuery("local", Optional.empty(), Optional.empty()));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' has only partial state (records tmanagers; damaged records"
                        + " executionstate), left by an earlier failure; run 'heron kill local/alice/default"
                        + " wordcount' to clean it up");
        assertThat(all).singleElement().satisfies(summary -> {
            assertThat(summary.executionState()).isEmpty();
            assertThat(summary.damaged()).containsExactly("executionstate");
        });
    }

    @Test
    void listFailsWithTheStoresError() {
        environment.faults().failOn("stateStore.list");

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.listService().list(new ListQuery("local", Optional.empty(), Optional.empty())));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
    }

    @Test
    void listWrapsAnUnexpectedFailureAsInternal() {
        environment.faults().failOn("stateStore.list", 1, new IllegalStateException("bug"));

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment.listService().list(new ListQuery("local", Optional.empty(), Optional.empty())));

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(failure.getMessage())
                .isEqualTo("listing the topologies of local failed: unexpected java.lang.IllegalStateException: bug");
    }

    private static StoredTopology partialState(String name) {
        return new StoredTopology(
                TopologyName.of(name),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new TopologyMasterLocation(TopologyId.of(name + "-old"), "host", 1, 2)),
                Optional.empty());
    }

    private static StoredTopology damagedState(String name) {
        StoredTopology partial = partialState(name);
        return new StoredTopology(
                partial.name(),
                partial.definition(),
                partial.packingPlan(),
                partial.executionState(),
                partial.scheduler(),
                partial.topologyMaster(),
                partial.physicalPlan(),
                java.util.Map.of(
                        io.egret.ports.out.StateNode.EXECUTION_STATE, "state record x is not valid Egret JSON"));
    }

    private static SubmitCommand submitAs(ClusterTarget target) {
        SubmitCommand base = TestingEnvironment.submitCommand();
        return new SubmitCommand(
                target,
                "bob",
                base.topologyFile(),
                base.className(),
                List.of("other"),
                base.systemProperties(),
                false,
                false,
                false,
                WaitCondition.SUBMITTED,
                base.timeout());
    }

    @Test
    void statusRefusesATopologyRunningElsewhere() {
        environment.submitted();

        EgretException failure = catchThrowableOfType(
                EgretException.class,
                () -> environment
                        .statusService()
                        .status(new io.egret.ports.in.TopologyCommand(
                                new ClusterTarget("local", "bob", "default"), name(), false)));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(TARGET.toString()).isEqualTo("local/alice/default");
    }
}
