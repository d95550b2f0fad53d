package io.egret.application;

import static io.egret.application.testing.TestingEnvironment.TARGET;
import static io.egret.application.testing.TestingEnvironment.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.egret.application.testing.TestingEnvironment;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.RestartCommand;
import io.egret.ports.out.SchedulerCapabilities;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RestartTopologyServiceTest {
    private final TestingEnvironment environment = new TestingEnvironment();

    @BeforeEach
    void submit() {
        environment.submitted();
    }

    @Test
    void restartsTheWholeTopologyAfterForgettingTheMasterLocation() {
        LifecycleResult result = environment.restartService().restart(restart(OptionalInt.empty()));

        assertThat(result.changed()).isTrue();
        assertThat(environment.scheduler().restarts()).containsExactly("wordcount/all");
        assertThat(masterLocation()).isEmpty();
        assertThat(environment.progress().lines())
                .containsExactly(
                        "forget topology master location STARTED",
                        "forget topology master location DONE",
                        "restart STARTED",
                        "restart DONE");
    }

    @Test
    void restartingContainerZeroForgetsTheMasterLocation() {
        environment.restartService().restart(restart(OptionalInt.of(0)));

        assertThat(environment.scheduler().restarts()).containsExactly("wordcount/0");
        assertThat(masterLocation()).isEmpty();
    }

    @Test
    void restartingAnotherContainerKeepsTheMasterLocation() {
        environment.restartService().restart(restart(OptionalInt.of(2)));

        assertThat(environment.scheduler().restarts()).containsExactly("wordcount/2");
        assertThat(masterLocation()).isPresent();
    }

    @Test
    void refusesAnUnknownContainerAndListsTheValidOnes() {
        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.restartService().restart(restart(OptionalInt.of(7))));

        assertThat(failure.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(failure.getMessage())
                .isEqualTo("topology 'wordcount' has no container 7; valid containers are [0, 1, 2] (0 runs the"
                        + " topology master)");
        assertThat(environment.scheduler().restarts()).isEmpty();
    }

    @Test
    void refusesAWholeRestartTheSchedulerCannotDoBeforeChangingAnything() {
        environment.scheduler().capabilities(new SchedulerCapabilities(false, true, true, true));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.restartService().restart(restart(OptionalInt.empty())));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).contains("capability restartTopology");
        assertThat(masterLocation()).isPresent();
        assertThat(environment.faults().calls("stateStore.deleteTopologyMasterLocation"))
                .isZero();
    }

    @Test
    void refusesAContainerRestartTheSchedulerCannotDo() {
        environment.scheduler().capabilities(new SchedulerCapabilities(true, false, true, true));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.restartService().restart(restart(OptionalInt.of(0))));

        assertThat(failure.code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure.getMessage()).contains("capability restartContainer");
        assertThat(masterLocation()).isPresent();
    }

    @Test
    void putsTheMasterLocationBackWhenTheRestartFails() {
        TopologyMasterLocation before = masterLocation().orElseThrow();
        environment.faults().failOn("scheduler.restart");

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.restartService().restart(restart(OptionalInt.empty())));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure.getMessage())
                .isEqualTo(
                        "restart of topology 'wordcount' failed at 'restart': injected failure at scheduler.restart");
        assertThat(masterLocation()).contains(before);
    }

    @Test
    void dryRunChangesNothing() {
        LifecycleResult result =
                environment.restartService().restart(new RestartCommand(TARGET, name(), OptionalInt.empty(), true));

        assertThat(result.dryRun()).isTrue();
        assertThat(environment.scheduler().restarts()).isEmpty();
        assertThat(masterLocation()).isPresent();
    }

    @Test
    void refusesAKillingTopology() {
        environment.faults().failOn("scheduler.kill");
        catchThrowableOfType(
                EgretException.class, () -> environment.killService().kill(TestingEnvironment.killCommand()));

        EgretException failure = catchThrowableOfType(
                EgretException.class, () -> environment.restartService().restart(restart(OptionalInt.empty())));

        assertThat(failure.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure.getMessage()).contains("it is being killed");
    }

    private static RestartCommand restart(OptionalInt containerId) {
        return new RestartCommand(TARGET, name(), containerId, false);
    }

    private Optional<TopologyMasterLocation> masterLocation() {
        return environment.stateStore().records(name()).orElseThrow().topologyMaster();
    }
}
