package io.egret.adapters.local.scheduler;

import static io.egret.adapters.local.scheduler.FakeExecutors.await;
import static io.egret.adapters.local.scheduler.FakeExecutors.grandchild;
import static io.egret.adapters.local.scheduler.FakeExecutors.isAlive;
import static io.egret.adapters.local.scheduler.FakeExecutors.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.ContainerStatus.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExecutorSupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<ExecutorSupervisor> supervisors = new ArrayList<>();

    @AfterEach
    void killEverything() {
        for (ExecutorSupervisor supervisor : supervisors) {
            supervisor.killAll(Duration.ofSeconds(10));
            supervisor.close();
        }
    }

    @Test
    void startsOneProcessGroupPerContainerAndKillLeavesNothing() throws Exception {
        Path sandbox = sandbox();
        ExecutorSupervisor supervisor = supervisor(sandbox, FakeExecutors.longRunning(directory), 3);

        supervisor.start(List.of(0, 1, 2));
        for (int container = 0; container <= 2; container++) {
            int id = container;
            await(
                    "container " + id + " started its grandchild",
                    WAIT,
                    () -> grandchild(sandbox, id).isPresent());
        }
        List<Long> pids = new ArrayList<>();
        for (int container = 0; container <= 2; container++) {
            pids.addAll(starts(sandbox, container));
            pids.add(grandchild(sandbox, container).orElseThrow());
        }

        assertThat(supervisor.status())
                .extracting(ContainerStatus::containerId, ContainerStatus::phase)
                .containsExactly(tuple(0, Phase.RUNNING), tuple(1, Phase.RUNNING), tuple(2, Phase.RUNNING));
        assertThat(new Sandbox(sandbox).processRecords()).hasSize(3);
        assertThat(pids)
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("pid " + pid).isTrue());

        supervisor.killAll(Duration.ofSeconds(10));

        assertThat(pids)
                .allSatisfy(pid -> assertThat(isAlive(pid)).as("pid " + pid).isFalse());
        assertThat(new Sandbox(sandbox).processRecords()).isEmpty();
        assertThat(supervisor.status()).extracting(ContainerStatus::phase).containsOnly(Phase.FINISHED);
    }

    @Test
    void aKilledExecutorIsRestartedAndItsLeftoversEnded() throws Exception {
        Path sandbox = sandbox();
        ExecutorSupervisor supervisor = supervisor(sandbox, FakeExecutors.longRunning(directory), 3);
        supervisor.start(List.of(0, 1));
        await("container 1 running", WAIT, () -> grandchild(sandbox, 1).isPresent());
        long executor = starts(sandbox, 1).get(0);
        long oldGrandchild = grandchild(sandbox, 1).orElseThrow();

        ProcessHandle.of(executor).orElseThrow().destroyForcibly();

        await(
                "container 1 restarted",
                WAIT,
                () -> starts(sandbox, 1).size() == 2
                        && grandchild(sandbox, 1)
                                .filter(pid -> pid != oldGrandchild)
                                .isPresent());
        await("old grandchild ended", WAIT, () -> !isAlive(oldGrandchild));
        ContainerStatus status = supervisor.status().get(1);
        assertThat(status.phase()).isEqualTo(Phase.RUNNING);
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(starts(sandbox, 0)).hasSize(1);
    }

    @Test
    void anExecutorThatKeepsFailingIsLeftFailedAfterTheLimitWithTheReason() throws Exception {
        Path sandbox = sandbox();
        ExecutorSupervisor supervisor = supervisor(sandbox, FakeExecutors.failing(directory), 2);

        supervisor.start(List.of(0));

        await(
                "container 0 failed for good",
                WAIT,
                () -> supervisor.status().get(0).phase() == Phase.FAILED);
        ContainerStatus status = supervisor.status().get(0);
        assertThat(starts(sandbox, 0)).hasSize(3);
        assertThat(status.restarts()).isEqualTo(2);
        assertThat(status.detail())
                .contains("exited with status 7")
                .contains("not restarted after 2 restarts in a row (limit 2)")
                .contains("heron-executor-0.stderr");
        assertThat(sandbox.resolve("heron-executor-0.stderr")).content().contains("boom in 0");
        Thread.sleep(300);
        assertThat(starts(sandbox, 0)).hasSize(3);
    }

    @Test
    void aContainerWhoseCommandCannotBeBuiltIsFailedWithTheReason() throws Exception {
        ExecutorSupervisor supervisor = new ExecutorSupervisor(
                new Sandbox(sandbox()),
                "wordcount-1",
                container -> {
                    throw new IllegalStateException("topology 'wordcount' has no packing plan");
                },
                new ExecutorSupervisor.Policy(
                        0,
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2)));
        supervisors.add(supervisor);

        supervisor.start(List.of(1));

        await("container 1 failed", WAIT, () -> supervisor.status().get(0).phase() == Phase.FAILED);
        assertThat(supervisor.status().get(0).containerId()).isEqualTo(1);
        assertThat(supervisor.status().get(0).detail())
                .contains("could not be started (no command: topology 'wordcount' has no packing plan)");
    }

    @Test
    void aRequestedRestartStartsAFreshProcessWithoutCountingAsFailure() throws Exception {
        Path sandbox = sandbox();
        ExecutorSupervisor supervisor = supervisor(sandbox, FakeExecutors.longRunning(directory), 3);
        supervisor.start(List.of(0, 1));
        await("container 1 running", WAIT, () -> grandchild(sandbox, 1).isPresent());
        long first = starts(sandbox, 1).get(0);

        supervisor.restart(OptionalInt.of(1));

        await("container 1 restarted", WAIT, () -> starts(sandbox, 1).size() == 2);
        assertThat(isAlive(first)).isFalse();
        await(
                "container 1 running again",
                WAIT,
                () -> supervisor.status().get(1).phase() == Phase.RUNNING);
        assertThat(supervisor.status().get(1).restarts()).isZero();
        assertThat(starts(sandbox, 0)).hasSize(1);
        assertThatThrownBy(() -> supervisor.restart(OptionalInt.of(9)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("container 9 is not running")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void containersAreAddedOnceAndRemovedWithTheirProcesses() throws Exception {
        Path sandbox = sandbox();
        ExecutorSupervisor supervisor = supervisor(sandbox, FakeExecutors.longRunning(directory), 3);
        supervisor.start(List.of(0));

        supervisor.start(List.of(1, 2));
        assertThatThrownBy(() -> supervisor.start(List.of(2, 3)))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("[2]")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.CONFLICT);
        await("container 2 running", WAIT, () -> grandchild(sandbox, 2).isPresent());
        long grandchild = grandchild(sandbox, 2).orElseThrow();

        supervisor.remove(List.of(2, 5), Duration.ofSeconds(10));

        assertThat(isAlive(grandchild)).isFalse();
        assertThat(supervisor.status()).extracting(ContainerStatus::containerId).containsExactly(0, 1);
        assertThat(Files.exists(new Sandbox(sandbox).containerRecord(2))).isFalse();
    }

    private Path sandbox() throws IOException {
        return Files.createDirectories(directory.resolve("sandbox"));
    }

    private ExecutorSupervisor supervisor(Path sandbox, Path executor, int maxRestarts) {
        ExecutorSupervisor supervisor = new ExecutorSupervisor(
                new Sandbox(sandbox),
                "wordcount-1",
                container -> List.of(executor.toString(), "--shard=" + container),
                new ExecutorSupervisor.Policy(
                        maxRestarts,
                        Duration.ofMillis(50),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2)));
        supervisors.add(supervisor);
        return supervisor;
    }
}
