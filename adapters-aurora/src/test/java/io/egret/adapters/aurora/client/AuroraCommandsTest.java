package io.egret.adapters.aurora.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.aurora.job.JobBindings;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.ContainerStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class AuroraCommandsTest {
    private static final String KEY = "aurora/www-data/prod/wordcount";

    @Test
    void argumentListsAreHeronsAuroraCommands() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CLUSTER", "aurora");
        values.put("TOPOLOGY_ARGUMENTS", "--topology-name=wordcount --cluster=aurora");

        assertThat(AuroraCommands.create(KEY, Path.of("/conf/heron.aurora"), new JobBindings(values)))
                .containsExactly(
                        "job",
                        "create",
                        "--wait-until",
                        "RUNNING",
                        "--bind",
                        "CLUSTER=aurora",
                        "--bind",
                        "TOPOLOGY_ARGUMENTS=--topology-name=wordcount --cluster=aurora",
                        KEY,
                        "/conf/heron.aurora");
        assertThat(AuroraCommands.killAll(KEY)).containsExactly("job", "killall", KEY, "--batch-size", "2147483647");
        assertThat(AuroraCommands.restart(KEY, OptionalInt.empty()))
                .containsExactly("job", "restart", KEY, "--batch-size", "2147483647");
        assertThat(AuroraCommands.restart(KEY, OptionalInt.of(2)))
                .containsExactly("job", "restart", KEY + "/2", "--batch-size", "2147483647");
        assertThat(AuroraCommands.kill(KEY, List.of(4, 3)))
                .containsExactly("job", "kill", KEY + "/3,4", "--batch-size", "2147483647");
        assertThat(AuroraCommands.add(KEY, 2))
                .containsExactly("job", "add", "--wait-until", "RUNNING", KEY + "/0", "2", "--verbose");
        assertThat(AuroraCommands.status(KEY)).containsExactly("job", "status", KEY, "--write-json");
    }

    @Test
    void newInstanceIdsComeFromTheClientsAnswer() {
        assertThat(AuroraCommands.addedInstances("INFO] x\nDEBUG] Querying instance statuses: [3, 4]\nok"))
                .containsExactly(3, 4);
        assertThatThrownBy(() -> AuroraCommands.addedInstances("Successfully added\n"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("cannot read the new instance ids")
                .hasMessageContaining("Successfully added");
    }

    @Test
    void exitCodesBecomeClearErrors() {
        assertThat(failure(3, "Error loading configuration").code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure(4, "Job www-data/prod/wordcount already exists").code())
                .isEqualTo(ErrorCode.CONFLICT);
        assertThat(failure(7, "Unable to connect").getMessage())
                .contains("network error")
                .contains("exit 7 from 'aurora job killall")
                .contains("it said: Unable to connect");
        assertThat(failure(7, "x").code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure(9, "x").code()).isEqualTo(ErrorCode.UNREACHABLE);
        assertThat(failure(30, "401").getMessage()).contains("authentication");
        assertThat(failure(30, "401").code()).isEqualTo(ErrorCode.USER_ERROR);
        assertThat(failure(20, "boom").code()).isEqualTo(ErrorCode.INTERNAL);
    }

    private static EgretException failure(int exit, String output) {
        return AuroraFailures.of(
                "kill the Aurora job " + KEY,
                new AuroraClient.Outcome(List.of("aurora", "job", "killall", KEY), exit, output));
    }

    @Test
    void statusReadsActiveTasksAndThePendingReason() {
        String json = """
                [
                  {"job": "aurora/www-data/prod/wordcount",
                   "active": [
                     {"status": "RUNNING", "failureCount": 1, "assignedTask": {"instanceId": 0},
                      "taskEvents": [{"timestamp": 1, "status": "RUNNING", "message": ""}]},
                     {"status": "PENDING", "failureCount": 0, "assignedTask": {"instanceId": 1},
                      "taskEvents": [{"timestamp": 5, "status": "PENDING", "message": "Insufficient: RAM"}]}],
                   "inactive": [
                     {"status": "FAILED", "failureCount": 0, "assignedTask": {"instanceId": 0},
                      "taskEvents": [{"timestamp": 0, "status": "FAILED", "message": "exit 1"}]},
                     {"status": "KILLED", "failureCount": 0, "assignedTask": {"instanceId": 2},
                      "taskEvents": [{"timestamp": 3, "status": "KILLED", "message": "Killed"}]},
                     {"status": "FAILED", "failureCount": 0, "assignedTask": {"instanceId": 2},
                      "taskEvents": [{"timestamp": 2, "status": "FAILED", "message": "oops"}]}]}
                ]
                """;

        assertThat(JobStatusReader.read(json))
                .containsExactly(
                        new ContainerStatus(0, ContainerStatus.Phase.RUNNING, "", 1),
                        new ContainerStatus(1, ContainerStatus.Phase.PENDING, "PENDING: Insufficient: RAM", 0),
                        new ContainerStatus(2, ContainerStatus.Phase.FINISHED, "KILLED", 0));
        assertThatThrownBy(() -> JobStatusReader.read("Traceback: boom"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("cannot read the aurora client's job status");
        assertThat(Set.of(JobStatusReader.phase("THROTTLED"), JobStatusReader.phase("LOST")))
                .containsExactlyInAnyOrder(ContainerStatus.Phase.PENDING, ContainerStatus.Phase.FAILED);
    }
}
