package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lifecycle command on the local cluster through the real {@code bin/heron} on the module path, checking
 * processes and state after each step.
 */
final class LocalLifecycleTest {
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");
    private static final Pattern EXECUTED =
            Pattern.compile("count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)");

    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void everyLifecycleCommandWorksAndKillLeavesNothing() {
        Heron heron = new Heron(home);

        Heron.Result submit = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaledSeconds(60)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(submit.stdout())
                .contains("Submitted topology 'wordcount' to local/")
                .contains("Successfully launched topology 'wordcount'");
        assertThat(stateRecords("topologies")).containsExactly("wordcount");

        String status = awaitStatus(heron, "wordcount", text -> executed(text) > 0);
        assertThat(status).contains("State:      RUNNING").contains("registered");
        long executedBefore = executed(status);
        assertThat(executed(awaitStatus(heron, "wordcount", text -> executed(text) > executedBefore)))
                .isGreaterThan(executedBefore);

        Heron.Result deactivate = heron.run("deactivate", "local", "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        assertThat(deactivate.stdout()).contains("Successfully deactivated topology 'wordcount'");
        String paused = heron.run("status", "local", "wordcount").stdout();
        assertThat(paused).contains("State:      PAUSED");
        Processes.sleep(Duration.ofMillis(700));
        assertThat(emitted(heron.run("status", "local", "wordcount").stdout())).isEqualTo(emitted(paused));

        Heron.Result activate = heron.run("activate", "local", "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        assertThat(activate.stdout()).contains("Successfully activated topology 'wordcount'");
        long emittedPaused = emitted(paused);
        assertThat(emitted(awaitStatus(heron, "wordcount", text -> emitted(text) > emittedPaused)))
                .isGreaterThan(emittedPaused);

        Heron.Result restart = heron.run("restart", "local", "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.stdout()).contains("Successfully restarted topology 'wordcount'");
        awaitStatus(heron, "wordcount", text -> text.contains("1    RUNNING") && text.contains("registered"));

        Heron.Result restartAll = heron.run("restart", "local", "wordcount");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        awaitStatus(
                heron,
                "wordcount",
                text -> text.contains("1    RUNNING") && text.contains("registered") && executed(text) > 0);

        Heron.Result preview =
                heron.run("update", "local", "wordcount", "--component-parallelism", "split:2", "--dry-run");
        assertThat(preview.exitCode()).as(preview.toString()).isZero();
        assertThat(preview.stdout()).doesNotContain("Successfully");
        assertThat(preview.stdout())
                .contains("Container 2    NEW")
                .contains("+ split#1")
                .contains("Old packing plan:");
        assertThat(heron.run("status", "local", "wordcount").stdout()).doesNotContain("2    RUNNING");

        Heron.Result update = heron.run("update", "local", "wordcount", "--component-parallelism", "split:2");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.stdout()).contains("Successfully updated topology 'wordcount'");
        assertThat(awaitStatus(heron, "wordcount", text -> text.contains("split                instances=2")))
                .contains("2    RUNNING");

        Heron.Result grow = heron.run("update", "local", "wordcount", "--container-number", "3");
        assertThat(grow.exitCode()).as(grow.toString()).isZero();
        assertThat(awaitStatus(
                        heron, "wordcount", text -> text.contains("3    RUNNING") && text.contains("registered")))
                .contains("split                instances=2");

        Heron.Result configPreview =
                heron.run("update", "local", "wordcount", "--runtime-config", "count:my.key:42", "--dry-run");
        assertThat(configPreview.exitCode()).as(configPreview.toString()).isZero();
        assertThat(configPreview.stdout()).contains("count:my.key:42").contains("dry run");
        assertThat(storedDefinition()).doesNotContain("my.key");
        Heron.Result runtimeConfig = heron.run("update", "local", "wordcount", "--runtime-config", "count:my.key:42");
        assertThat(runtimeConfig.exitCode()).as(runtimeConfig.toString()).isZero();
        assertThat(runtimeConfig.stdout()).contains("Updated the runtime config of topology 'wordcount'");
        assertThat(storedDefinition()).contains("my.key");

        Heron.Result list = heron.run("list", "local", "--output", "json");
        assertThat(list.stdout()).contains("\"topology\" : \"wordcount\"").contains("\"state\" : \"RUNNING\"");

        Heron.Result kill = heron.run("kill", "local", "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.stdout()).contains("Successfully killed topology 'wordcount'");
        assertThat(kill.stderr()).as("nothing on stderr after success").isEmpty();
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes left after kill")
                .isEmpty();
        assertNoState();

        Heron.Result again = heron.run("kill", "local", "wordcount");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertThat(again.stderr()).contains("does not exist");
    }

    @Test
    void deployDeactivatedStartsPausedUntilActivated() {
        Heron heron = new Heron(home);

        Heron.Result submit = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "paused",
                "--deploy-deactivated",
                "--wait-until",
                "RUNNING");

        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        String status = awaitStatus(heron, "paused", text -> text.contains("registered"));
        assertThat(status).contains("State:      PAUSED");
        Processes.sleep(Duration.ofMillis(500));
        assertThat(emitted(heron.run("status", "local", "paused").stdout())).isZero();
        assertThat(heron.run("activate", "local", "paused").exitCode()).isZero();
        awaitStatus(heron, "paused", text -> emitted(text) > 0);
        assertThat(heron.run("kill", "local", "paused").exitCode()).isZero();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void anExecutorKilledWithSigkillIsRestarted() {
        Heron heron = new Heron(home);
        assertThat(submit(heron, "crashy").exitCode()).isZero();
        awaitStatus(heron, "crashy", text -> text.contains("registered"));
        List<ProcessHandle> container = Processes.matching(home, line -> line.contains("--container-id=1"));
        assertThat(container).as("the executor of container 1").isNotEmpty();

        container.forEach(ProcessHandle::destroyForcibly);

        String status = awaitStatus(
                heron, "crashy", text -> text.contains("1    RUNNING   restarts=1") && text.contains("registered"));
        assertThat(status).contains("restarts=1");
        assertThat(Processes.matching(home, line -> line.contains("--container-id=1")))
                .isNotEmpty();
        assertThat(heron.run("kill", "local", "crashy").exitCode()).isZero();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void killCleansUpAfterTheSchedulerServiceWasKilledWithSigkill() {
        Heron heron = new Heron(home);
        assertThat(submit(heron, "orphaned").exitCode()).isZero();
        List<ProcessHandle> service =
                Processes.matching(home, line -> line.contains("io.egret.app.LocalSchedulerServiceMain"));
        assertThat(service).as("the scheduler service").hasSize(1);

        service.get(0).destroyForcibly();
        service.get(0).onExit().join();
        assertThat(Processes.under(home)).as("executors outlive their service").isNotEmpty();

        Heron.Result kill = heron.run("kill", "local", "orphaned");

        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes left after kill")
                .isEmpty();
        assertNoState();
    }

    @Test
    void twoConcurrentSubmitsOfOneNameOneWins() {
        Heron heron = new Heron(home);

        CompletableFuture<Heron.Result> first = CompletableFuture.supplyAsync(() -> submit(heron, "twin"));
        CompletableFuture<Heron.Result> second = CompletableFuture.supplyAsync(() -> submit(heron, "twin"));
        List<Heron.Result> results = List.of(first.join(), second.join());

        assertThat(results).extracting(Heron.Result::exitCode).containsExactlyInAnyOrder(0, 4);
        Heron.Result loser = results.stream()
                .filter(result -> result.exitCode() == 4)
                .findFirst()
                .orElseThrow();
        assertThat(loser.stderr()).contains("already exists").contains("heron kill");
        assertThat(Processes.matching(home, line -> line.contains("io.egret.app.LocalSchedulerServiceMain")))
                .hasSize(1);
        // One package, the winner's, whichever of the two stored it (same content, same address).
        assertThat(uploadedPackages()).hasSize(1);
        assertThat(heron.run("kill", "local", "twin").exitCode()).isZero();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
        assertThat(uploadedPackages()).isEmpty();
    }

    @Test
    void aMainClassThatFailsLeavesNothingBehind() {
        Heron heron = new Heron(home);

        Heron.Result result =
                heron.run("submit", "local", heron.examplesJar().toString(), "io.egret.examples.NoSuchTopology", "x");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().count()).as(result.stderr()).isLessThanOrEqualTo(2);
        assertThat(result.stderr()).contains("NoSuchTopology");
        assertNoState();
        assertThat(uploadedPackages()).isEmpty();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void aLaunchThatFailsUndoesStateAndUpload() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "broken",
                "--config-property",
                "heron.package.core.directory=" + home.resolve("no-core"));

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("no-core");
        assertNoState();
        assertThat(uploadedPackages()).isEmpty();
        assertThat(Processes.awaitNoneUnder(home, Duration.ofSeconds(10))).isEmpty();
        assertThat(heron.run("list", "local").stdout()).contains("No topologies");
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "dry",
                "--dry-run",
                "--dry-run-format",
                "json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains("\"packingClass\" : \"RoundRobin\"")
                .contains("\"component\" : \"split\"")
                .contains("\"heron.class.scheduler\" : \"org.apache.heron.scheduler.local.LocalScheduler\"");
        assertNoState();
        assertThat(uploadedPackages()).isEmpty();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    private Heron.Result submit(Heron heron, String name) {
        return heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                name,
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaledSeconds(60)));
    }

    private String awaitStatus(Heron heron, String topology, java.util.function.Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTime.scaled(Duration.ofSeconds(30)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", "local", topology);
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static long executed(String status) {
        Matcher matcher = EXECUTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private List<String> stateRecords(String directory) {
        return new LocalClusterFiles(home).records(directory);
    }

    private void assertNoState() {
        new LocalClusterFiles(home).assertNoRecords();
    }

    /** The stored topology definition record (a JSON envelope) of {@code wordcount}. */
    private String storedDefinition() {
        try {
            return Files.readString(home.resolve(".herondata/repository/state/local/topologies/wordcount"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> uploadedPackages() {
        return new LocalClusterFiles(home).uploadedPackages();
    }
}
