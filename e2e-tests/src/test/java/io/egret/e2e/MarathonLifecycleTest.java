package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.marathon.simulator.MarathonSimulator;
import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DC/OS guide's Marathon cluster through the real {@code bin/heron} on the module path, against the Marathon
 * simulator behind an Admin Router path ({@code /service/marathon}) with a token. The simulator runs every app's
 * command as a local process, so the executors really run and activate/deactivate reach the topology master.
 */
final class MarathonLifecycleTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.dcos-acs-token";
    private static final String CLUSTER = "marathon/alice/prod";
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");

    @TempDir
    Path home;

    private MarathonSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        Processes.killAllUnder(home);
    }

    private Heron heron(MarathonSimulator.Builder builder, String token) {
        simulator = builder.basePath("/service/marathon")
                .token(TOKEN)
                .processes(home.resolve("mesos-agent"))
                .start();
        MarathonClusterFiles.write(home, simulator.uri(), token);
        return new Heron(home);
    }

    @Test
    void theGuidesClusterRunsEveryLifecycleCommandAndKillLeavesNothing() {
        Heron heron = heron(MarathonSimulator.builder(), TOKEN);

        Heron.Result submit = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                timeoutSeconds(90));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(simulator.groupIds()).contains("/heron/topologies/wordcount");
        int containers = simulator.appIds().size();
        assertThat(containers).isGreaterThanOrEqualTo(2);
        assertThat(submit.toString()).doesNotContain(TOKEN);

        String status = awaitStatus(heron, "wordcount", text -> emitted(text) > 0 && !text.contains("PENDING"));
        assertThat(status).contains("RUNNING");

        Heron.Result deactivate = run(heron, "deactivate", CLUSTER, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = run(heron, "status", CLUSTER, "wordcount").stdout();
        assertThat(paused).contains("PAUSED");
        Heron.Result activate = run(heron, "activate", CLUSTER, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = emitted(paused);
        awaitStatus(heron, "wordcount", text -> emitted(text) > emittedPaused);

        int tasksBefore = tasksStarted();
        Heron.Result restartOne = run(heron, "restart", CLUSTER, "wordcount", "1");
        assertThat(restartOne.exitCode()).as(restartOne.toString()).isZero();
        awaitCondition("container 1 restarted", () -> tasksStarted() == tasksBefore + 1);
        awaitStatus(heron, "wordcount", text -> text.contains("registered") && !text.contains("PENDING"));

        Heron.Result restartAll = run(heron, "restart", CLUSTER, "wordcount");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        awaitCondition("every container restarted", () -> tasksStarted() == tasksBefore + 1 + containers);
        awaitStatus(heron, "wordcount", text -> text.contains("registered") && !text.contains("PENDING"));

        Heron.Result update =
                run(heron, "update", CLUSTER, "wordcount", "--container-number", Integer.toString(containers));
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(simulator.appIds()).hasSize(containers + 1);
        awaitStatus(heron, "wordcount", text -> text.contains(containers + "    RUNNING"));

        Heron.Result kill = run(heron, "kill", CLUSTER, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(simulator.groupIds()).doesNotContain("/heron/topologies/wordcount");
        assertThat(simulator.liveTasks()).isZero();
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes after kill")
                .isEmpty();
        assertThat(stateRecords()).as("state records after kill").isEmpty();
    }

    @Test
    void aContainerLargerThanAnyOfferShowsWhyItWaitsAndKillStillCleansUp() {
        Heron heron =
                heron(MarathonSimulator.builder().agents(List.of(new MarathonSimulator.Agent(1, 1024, 100000))), TOKEN);

        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "stuck");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        String status = awaitStatus(heron, "stuck", text -> text.contains("waiting for resources"));
        assertThat(status)
                .contains("PENDING")
                .contains("the largest of the last")
                .contains("InsufficientCpus");

        Heron.Result kill = run(heron, "kill", CLUSTER, "stuck");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(simulator.groupIds()).isEmpty();
        assertThat(stateRecords()).isEmpty();

        Heron.Result again =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "stuck");
        assertThat(again.exitCode()).as("resubmit after kill: " + again).isZero();
        assertThat(run(heron, "kill", CLUSTER, "stuck").exitCode()).isZero();
    }

    @Test
    void aBadTokenIsRefusedWithAHintAndLeavesNothing() {
        Heron heron = heron(MarathonSimulator.builder(), "not-the-right-token");

        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "denied");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(2);
        assertThat(submit.stderr()).contains("401 Unauthorized").contains("dcos auth login");
        assertThat(submit.stderr().lines().filter(line -> line.startsWith("heron submit:")))
                .singleElement()
                .asString()
                .doesNotContain("left behind");
        assertThat(submit.toString()).doesNotContain("not-the-right-token");
        assertThat(simulator.groupIds()).isEmpty();
        assertThat(stateRecords()).isEmpty();
    }

    @Test
    void anExistingGroupIsAConflictAndIsLeftAlone() {
        Heron heron = heron(MarathonSimulator.builder(), TOKEN);
        Heron.Result first =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "taken");
        assertThat(first.exitCode()).as(first.toString()).isZero();

        Heron.Result second =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "Taken");

        assertThat(second.exitCode()).as(second.toString()).isEqualTo(4);
        assertThat(second.stderr()).contains("already created").contains("it runs topology 'taken'");
        assertThat(simulator.groupIds()).contains("/heron/topologies/taken");
        assertThat(stateRecords()).containsExactly("taken");
        assertThat(run(heron, "kill", CLUSTER, "taken").exitCode()).isZero();
    }

    @Test
    void anUnreachableMarathonIsExitCodeFiveAndLeavesNothing() {
        Heron heron = heron(MarathonSimulator.builder(), TOKEN);
        simulator.close();
        simulator = null;

        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "nowhere");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        assertThat(submit.stderr()).contains("cannot reach Marathon at");
        assertThat(stateRecords()).isEmpty();
    }

    @Test
    void dryRunPrintsTheGroupWithTheTokenRedactedWithoutACluster() {
        Heron heron = heron(MarathonSimulator.builder(), TOKEN);
        simulator.close();
        simulator = null;

        Heron.Result dryRun = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "preview",
                "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .contains("Launch request (secrets redacted):")
                .contains("/service/marathon/v2/groups")
                .contains("Authorization: token=****")
                .contains("\"id\" : \"/heron/topologies/preview\"")
                .contains("\"image\" : \"streamlio/heron:latest-ubuntu14.04\"")
                .contains("--container-id=1");
        assertThat(dryRun.toString()).doesNotContain(TOKEN);
        assertThat(stateRecords()).isEmpty();
    }

    // ---- helpers

    private Heron.Result run(Heron heron, String... arguments) {
        List<String> withConfig = new ArrayList<>(List.of(arguments));
        withConfig.add("--config-path");
        withConfig.add(home.resolve("heron-conf").toString());
        return heron.run("bin/heron", withConfig);
    }

    private int tasksStarted() {
        try (var sandboxes = Files.list(home.resolve("mesos-agent"))) {
            return (int) sandboxes.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitStatus(Heron heron, String topology, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(scaled(Duration.ofSeconds(60)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = run(heron, "status", CLUSTER, topology);
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(scaled(Duration.ofSeconds(60)));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Processes.sleep(Duration.ofMillis(100));
        }
    }

    private static Duration scaled(Duration duration) {
        return TestTime.scaled(duration);
    }

    private static String timeoutSeconds(int seconds) {
        return Long.toString(TestTime.scaledSeconds(seconds));
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Topologies with a record in the local state store the cluster config points at. */
    private List<String> stateRecords() {
        Path topologies = home.resolve(".herondata/repository/state/marathon/topologies");
        if (!Files.isDirectory(topologies)) {
            return List.of();
        }
        try (var files = Files.list(topologies)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
