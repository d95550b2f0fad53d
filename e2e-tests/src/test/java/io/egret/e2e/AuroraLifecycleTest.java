package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron on Aurora, through the real {@code bin/heron} on the module path, against the {@code aurora} client
 * simulator of adapters-aurora's test tree: the simulator evaluates the distribution's stock {@code heron.aurora}
 * and runs each instance's processes in a sandbox, so the WordCount topology really runs.
 */
final class AuroraLifecycleTest {
    static final Path SIMULATOR = Path.of(
                    System.getProperty("egret.aurora.simulator", "../adapters-aurora/src/test/sim"))
            .toAbsolutePath()
            .normalize();
    private static final String TARGET = "aurora/www-data/devel";
    private static final String KEY = TARGET + "/wordcount";
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");
    private static final Pattern EXECUTED =
            Pattern.compile("count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)");

    @TempDir
    Path home;

    Heron heron;
    Path installBin;

    @BeforeEach
    void aimTheStockAuroraClusterAtThisMachine() {
        installBin = new Heron(home).install().resolve("bin");
        heron = new Heron(home).withEnvironment(environment());
        // The stock conf/aurora as shipped, with its machine paths pointed into the test's home.
        for (Map.Entry<String, String> entry : localPaths().entrySet()) {
            Heron.Result set = heron.run("config", "aurora", "set", entry.getKey(), entry.getValue());
            assertThat(set.exitCode()).as(set.toString()).isZero();
        }
    }

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    Map<String, String> environment() {
        // Aurora's agents have Egret's bin/ (heron-downloader) on their PATH; this machine is the agent.
        return Map.of(
                "PATH",
                SIMULATOR + ":" + installBin + ":" + System.getenv("PATH"),
                "AURORA_SIM_HOME",
                home.resolve("aurora-sim").toString());
    }

    Map<String, String> localPaths() {
        return Map.of(
                "heron.package.core.uri",
                        heron.install()
                                .resolve("dist/heron-core.tar.gz")
                                .toUri()
                                .toString(),
                "heron.statemgr.root.path", home.resolve("state/${CLUSTER}").toString(),
                "heron.uploader.localfs.file.system.directory",
                        home.resolve("packages/${CLUSTER}/${ROLE}/${TOPOLOGY}").toString(),
                "heron.directory.sandbox.java.home", System.getProperty("java.home"));
    }

    @Test
    void theWholeLifecycleRunsOnAurora() {
        Heron.Result submit = heron.run(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                "120");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(calls())
                .anyMatch(call -> call.startsWith("[\"aurora\", \"job\", \"create\", \"--wait-until\","
                                + " \"RUNNING\", \"--bind\", \"CLUSTER=aurora\"")
                        && call.endsWith(KEY + "\", \"" + heron.install().resolve("conf/aurora/heron.aurora") + "\"]"));

        String status = awaitStatus(text -> executed(text) > 0);
        assertThat(status)
                .contains("State:      RUNNING")
                .contains("0    RUNNING")
                .contains("registered");

        Heron.Result deactivate = heron.run("deactivate", TARGET, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = heron.run("status", TARGET, "wordcount").stdout();
        assertThat(paused).contains("State:      PAUSED");
        Heron.Result activate = heron.run("activate", TARGET, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = emitted(paused);
        awaitStatus(text -> emitted(text) > emittedPaused);

        Heron.Result restartOne = heron.run("restart", TARGET, "wordcount", "1");
        assertThat(restartOne.exitCode()).as(restartOne.toString()).isZero();
        awaitStatus(text -> text.contains("1    RUNNING") && text.contains("  registered"));
        Heron.Result restartAll = heron.run("restart", TARGET, "wordcount");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        long executedBefore = executed(awaitStatus(text -> text.contains("  registered") && executed(text) > 0));
        assertThat(executedBefore).isPositive();

        Heron.Result up = heron.run("update", TARGET, "wordcount", "--container-number", "3");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(awaitStatus(text -> text.contains("3    RUNNING") && !text.contains("not registered")))
                .contains("2    RUNNING");
        assertThat(calls())
                .contains("[\"aurora\", \"job\", \"add\", \"--wait-until\", \"RUNNING\", \"" + KEY
                        + "/0\", \"2\", \"--verbose\"]");

        Heron.Result down = heron.run("update", TARGET, "wordcount", "--container-number", "2");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(awaitStatus(text -> !text.contains("3    RUNNING") && executed(text) > 0))
                .contains("2    RUNNING");
        assertThat(calls()).anyMatch(call -> call.startsWith("[\"aurora\", \"job\", \"kill\", \"" + KEY + "/3\""));

        Heron.Result kill = heron.run("kill", TARGET, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, Duration.ofSeconds(10))))
                .as("processes left after kill")
                .isEmpty();
        assertThat(stateRecords()).isEmpty();
        assertThat(calls())
                .contains("[\"aurora\", \"job\", \"killall\", \"" + KEY + "\", \"--batch-size\"," + " \"2147483647\"]");
    }

    @Test
    void theFirstAuroraGuidesFlagsWork() throws IOException {
        Path configFile = home.resolve("aurora_scheduler.conf");
        StringBuilder properties = new StringBuilder();
        localPaths()
                .forEach((key, value) ->
                        properties.append(key).append(": ").append(value).append('\n'));
        Files.writeString(configFile, properties);
        for (String key : localPaths().keySet()) {
            assertThat(heron.run("config", "aurora", "unset", key).exitCode()).isZero();
        }
        List<String> legacy = List.of(
                "--config-file=" + configFile, "--config-loader=com.twitter.heron.scheduler.aurora.AuroraConfigLoader");

        Heron.Result submit = heron.run(
                "bin/heron-cli",
                with(
                        legacy,
                        "submit",
                        TARGET,
                        heron.examplesJar().toString(),
                        "io.egret.examples.WordCount",
                        "wordcount",
                        "--wait-until",
                        "RUNNING",
                        "--timeout",
                        "120"));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        Heron.Result deactivate = heron.run("bin/heron-cli", with(legacy, "deactivate", TARGET, "wordcount"));
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        Heron.Result kill = heron.run("bin/heron-cli", with(legacy, "kill", TARGET, "wordcount"));
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, Duration.ofSeconds(10))))
                .isEmpty();
        assertThat(stateRecords()).isEmpty();
    }

    @Test
    void dryRunShowsTheBoundJobFileAndTheExactCommandWithoutACluster() {
        Heron noClient = new Heron(home).withEnvironment(Map.of());

        Heron.Result dryRun = noClient.run(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .contains("Aurora job " + KEY + " from " + heron.install().resolve("conf/aurora/heron.aurora"))
                .contains("heron-downloader file://" + heron.install().resolve("dist/heron-core.tar.gz"))
                .contains("./heron-core/bin/heron-executor --topology-name=wordcount")
                .contains("--container-id={{mesos.instance}}")
                .contains("aurora job create --wait-until RUNNING --bind CLUSTER=aurora --bind ROLE=www-data")
                .contains(KEY + " " + heron.install().resolve("conf/aurora/heron.aurora"));
        assertThat(stateRecords()).isEmpty();
        assertThat(uploadedPackages()).isEmpty();
        assertThat(Files.exists(home.resolve("aurora-sim/calls.log"))).isFalse();
    }

    @Test
    void withoutTheAuroraClientSubmitFailsCleanly() {
        Heron noClient = new Heron(home)
                .withEnvironment(
                        Map.of("AURORA_SIM_HOME", home.resolve("aurora-sim").toString()));

        Heron.Result submit = noClient.run(
                "submit", TARGET, heron.examplesJar().toString(), "io.egret.examples.WordCount", "wordcount");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(2);
        assertThat(submit.stderr()).contains("the Aurora client 'aurora' is not on the PATH");
        assertThat(submit.stderr()).doesNotContain("Exception").doesNotContain("left behind");
        assertThat(stateRecords()).isEmpty();
        assertThat(uploadedPackages()).isEmpty();
    }

    @Test
    void aJobStuckPendingTimesOutAndLeavesNothing() throws IOException {
        Files.createDirectories(home.resolve("aurora-sim"));
        Files.writeString(home.resolve("aurora-sim/agent.json"), "{\"cpu\": 64, \"ram_mb\": 16, \"disk_mb\": 100000}");

        Heron.Result submit = heron.run(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--config-property",
                "heron.scheduler.aurora.client.timeout.ms=3000");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        assertThat(submit.stderr()).contains("did not finish within 3 s");
        assertThat(stateRecords()).isEmpty();
        assertThat(uploadedPackages()).isEmpty();
        assertThat(calls()).anyMatch(call -> call.contains("\"killall\""));
    }

    @Test
    void aFailingAuroraCommandIsAOneLineErrorAtEachStep() throws IOException {
        Files.createDirectories(home.resolve("aurora-sim"));
        Path faults = home.resolve("aurora-sim/faults.json");

        Files.writeString(faults, "{\"job create\": [30]}");
        Heron.Result submit = submit();
        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(2);
        assertThat(submit.stderr()).contains("authentication with the Aurora scheduler failed");
        assertThat(stateRecords()).isEmpty();

        assertThat(submit().exitCode()).isZero();
        Files.writeString(faults, "{\"job restart\": [7]}");
        Heron.Result restart = heron.run("restart", TARGET, "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(5);
        assertThat(restart.stderr()).contains("network error");
        Files.writeString(faults, "{\"job add\": [4]}");
        Heron.Result update = heron.run("update", TARGET, "wordcount", "--container-number", "3");
        assertThat(update.exitCode()).as(update.toString()).isEqualTo(2);
        assertThat(update.stderr()).contains("the Aurora scheduler refused the command");
        Files.writeString(faults, "{\"job status\": [10]}");
        Heron.Result status = heron.run("status", TARGET, "wordcount");
        assertThat(status.toString()).contains("API error");
        // Killing is retried (heron.scheduler.job.max.kill.attempts, 5 in the stock file); then it succeeds.
        Files.writeString(faults, "{\"job killall\": [7, 9]}");
        Heron.Result kill = heron.run("kill", TARGET, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, Duration.ofSeconds(10))))
                .isEmpty();
        assertThat(stateRecords()).isEmpty();
    }

    private Heron.Result submit() {
        return heron.run(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                "120");
    }

    private static List<String> with(List<String> tail, String... head) {
        List<String> arguments = new ArrayList<>(List.of(head));
        arguments.addAll(tail);
        return arguments;
    }

    private List<String> calls() {
        try {
            return Files.readAllLines(home.resolve("aurora-sim/calls.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records in Heron's state directories (the store's own lock files left out). */
    private List<Path> stateRecords() {
        return files(
                home.resolve("state"),
                file -> !file.getFileName().toString().startsWith(".")
                        && !file.getParent().getFileName().toString().equals("locks"));
    }

    private List<Path> uploadedPackages() {
        return files(
                home.resolve("packages"), file -> file.getFileName().toString().endsWith(".tar.gz"));
    }

    private static List<Path> files(Path directory, Predicate<Path> filter) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(filter).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitStatus(Predicate<String> condition) {
        // A new container starts a JVM, fetches both packages and registers: on a loaded 2-core machine that alone took
        // over a minute.
        Instant deadline = Instant.now().plus(Duration.ofMillis((long) (180_000 * timeoutFactor())));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", TARGET, "wordcount");
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    static double timeoutFactor() {
        return Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"));
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long executed(String status) {
        Matcher matcher = EXECUTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
