package io.egret.e2e;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topology jars built against Heron's published API ({@code examples/heron-examples.jar}, compiled against
 * org.apache.heron:heron-api 0.20 only) through the real {@code bin/heron} on the local cluster: exact counts
 * (shuffle, fields, all, global, custom and direct groupings, tick tuples, a streamlet topology, task hooks),
 * acking with replays, pause, resume, update and kill, a bolt that cannot start, and the dry run's packing of Heron's resource
 * maps.
 */
final class HeronApiTopologiesTest {
    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void heronTopologiesDeliverExactCounts() {
        Heron heron = new Heron(home);

        submit(
                heron,
                "io.egret.heron.examples.WordCountTopology",
                "hwordcount",
                "--limit",
                "1000",
                "--containers",
                "2");
        String wordCount = awaitStatus(heron, "hwordcount", text -> count(text, "consumer", "executed") >= 2000);
        assertThat(count(wordCount, "word", "emitted")).isEqualTo(2000);
        assertThat(count(wordCount, "consumer", "executed")).isEqualTo(2000);
        assertThat(wordCount).contains("2    RUNNING").contains("consumer             instances=3");
        kill(heron, "hwordcount");

        submit(heron, "io.egret.heron.examples.ExclamationTopology", "hexclaim", "--limit", "500", "--containers", "2");
        String exclamation = awaitStatus(heron, "hexclaim", text -> count(text, "exclaim2", "executed") >= 1000);
        assertThat(count(exclamation, "word", "emitted")).isEqualTo(1000);
        assertThat(count(exclamation, "exclaim1", "executed")).isEqualTo(1000);
        assertThat(count(exclamation, "exclaim1", "emitted")).isEqualTo(1000);
        assertThat(count(exclamation, "exclaim2", "executed")).isEqualTo(1000);
        kill(heron, "hexclaim");

        submit(heron, "io.egret.heron.examples.MultiStreamTopology", "hstreams", "--limit", "1000");
        String streams = awaitStatus(
                heron,
                "hstreams",
                text -> count(text, "odds", "executed") >= 1000 && count(text, "evens", "executed") >= 500);
        assertThat(count(streams, "numbers", "emitted")).isEqualTo(1000);
        // All grouping: both odds instances receive each of the 500 odd numbers.
        assertThat(count(streams, "odds", "executed")).isEqualTo(1000);
        assertThat(count(streams, "relay", "executed")).isEqualTo(500);
        assertThat(count(streams, "evens", "executed")).isEqualTo(500);
        kill(heron, "hstreams");
    }

    @Test
    void aHeronCustomGroupingSendsEachNumberToTheTaskItChooses() {
        Heron heron = new Heron(home);
        submit(
                heron,
                "io.egret.heron.examples.CustomGroupingTopology",
                "hcustom",
                "--limit",
                "1000",
                "--containers",
                "2");

        String status = awaitEveryNumberAtItsTask(heron, "hcustom");

        assertExactlyWhereChosen(status);
        kill(heron, "hcustom");
    }

    @Test
    void aHeronBoltsEmitDirectReachesExactlyTheTaskItNames() {
        Heron heron = new Heron(home);
        submit(
                heron,
                "io.egret.heron.examples.DirectGroupingTopology",
                "hdirect",
                "--limit",
                "1000",
                "--containers",
                "2");

        String status = awaitEveryNumberAtItsTask(heron, "hdirect");

        assertThat(count(status, "director", "executed")).isEqualTo(1000);
        assertThat(count(status, "director", "emitted")).isEqualTo(1000);
        assertExactlyWhereChosen(status);
        kill(heron, "hdirect");
    }

    @Test
    void heronTickTuplesArriveAndFlushWhatABoltHolds() {
        Heron heron = new Heron(home);
        submit(heron, "io.egret.heron.examples.TickTopology", "hticks", "--limit", "1000", "--containers", "2");

        // "batcher" sends numbers on only when a tick arrives (one a second), with one tuple per tick on "ticks".
        String status = awaitStatus(
                heron,
                "hticks",
                text -> count(text, "flushed", "executed") >= 1000 && count(text, "ticks", "executed") >= 4);

        assertThat(count(status, "numbers", "emitted")).isEqualTo(1000);
        assertThat(count(status, "batcher", "executed"))
                .as("ticks are not counted as executed")
                .isEqualTo(1000);
        assertThat(count(status, "flushed", "executed")).isEqualTo(1000);
        assertThat(count(status, "batcher", "failures")).isZero();
        kill(heron, "hticks");
    }

    @Test
    void aHeronStreamletTopologyMapsFiltersAndConsumesExactly() {
        Heron heron = new Heron(home);
        submit(
                heron,
                "io.egret.heron.examples.StreamletTopology",
                "hstreamlet",
                "--limit",
                "1000",
                "--containers",
                "2");

        String status = awaitStatus(heron, "hstreamlet", text -> count(text, "count", "executed") >= 500);

        // 0..999 doubled, multiples of 4 kept: the even half of the numbers reaches the consumer.
        assertThat(count(status, "numbers", "emitted")).isEqualTo(1000);
        assertThat(count(status, "double", "executed")).isEqualTo(1000);
        assertThat(count(status, "double", "emitted")).isEqualTo(1000);
        assertThat(count(status, "fours", "executed")).isEqualTo(1000);
        assertThat(count(status, "fours", "emitted")).isEqualTo(500);
        assertThat(count(status, "count", "executed")).isEqualTo(500);
        kill(heron, "hstreamlet");
    }

    @Test
    void heronAckingReplaysFailedTuplesUntilEachIsAckedOnce() {
        Heron heron = new Heron(home);

        submit(heron, "io.egret.heron.examples.ReliableTopology", "hreliable", "--limit", "1000", "--containers", "2");
        String status = awaitStatus(heron, "hreliable", text -> count(text, "numbers", "acked") >= 1000);

        // Every multiple of 10 fails once at "flaky" and is emitted again: 1100 emitted, 1000 acked.
        assertThat(count(status, "numbers", "acked")).isEqualTo(1000);
        assertThat(count(status, "numbers", "failed")).isEqualTo(100);
        assertThat(count(status, "numbers", "emitted")).isEqualTo(1100);
        assertThat(count(status, "flaky", "executed")).isEqualTo(1100);
        assertThat(count(status, "sink", "executed")).isEqualTo(1000);
        kill(heron, "hreliable");
    }

    @Test
    void heronTaskHooksSeeEveryEmitExecuteAckAndFail() {
        Heron heron = new Heron(home);
        submit(heron, "io.egret.heron.examples.HookedTopology", "hhooked", "--limit", "1000", "--containers", "2");

        // Hooks added in open and prepare report each event they see on a stream of their own, to a sink each.
        String status = awaitStatus(
                heron,
                "hhooked",
                text -> count(text, "spoutacks", "executed") >= 1000 && count(text, "boltacks", "executed") >= 1000);

        // Every multiple of 10 fails once at "flaky" and is emitted again.
        assertThat(count(status, "spoutemits", "executed")).isEqualTo(1100);
        assertThat(count(status, "spoutacks", "executed")).isEqualTo(1000);
        assertThat(count(status, "spoutfails", "executed")).isEqualTo(100);
        assertThat(count(status, "boltexecutes", "executed")).isEqualTo(1100);
        assertThat(count(status, "boltacks", "executed")).isEqualTo(1000);
        assertThat(count(status, "boltfails", "executed")).isEqualTo(100);
        assertThat(count(status, "numbers", "acked")).isEqualTo(1000);
        assertThat(count(status, "numbers", "failures")).isZero();
        assertThat(count(status, "flaky", "failures")).isZero();
        kill(heron, "hhooked");
    }

    @Test
    void aHeronTopologyPausesResumesUpdatesAndIsKilled() {
        Heron heron = new Heron(home);
        submit(heron, "io.egret.heron.examples.WordCountTopology", "hlife");
        awaitStatus(heron, "hlife", text -> count(text, "consumer", "executed") > 0);

        Heron.Result deactivate = heron.run("deactivate", "local", "hlife");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = heron.run("status", "local", "hlife").stdout();
        assertThat(paused).contains("State:      PAUSED");
        Processes.sleep(Duration.ofMillis(700));
        assertThat(count(heron.run("status", "local", "hlife").stdout(), "word", "emitted"))
                .isEqualTo(count(paused, "word", "emitted"));

        Heron.Result activate = heron.run("activate", "local", "hlife");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = count(paused, "word", "emitted");
        awaitStatus(heron, "hlife", text -> count(text, "word", "emitted") > emittedPaused);

        Heron.Result update = heron.run("update", "local", "hlife", "--component-parallelism", "consumer:4");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(update.stdout()).contains("Successfully updated topology 'hlife'");
        awaitStatus(
                heron,
                "hlife",
                text -> text.contains("consumer             instances=4") && count(text, "consumer", "executed") > 0);

        kill(heron, "hlife");
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes left after kill")
                .isEmpty();
    }

    @Test
    void aBoltWhosePrepareFailsShowsWhyInTheStatus() {
        Heron heron = new Heron(home);
        submit(heron, "io.egret.heron.examples.BrokenTopology", "hbroken");

        String status = awaitStatus(heron, "hbroken", text -> text.contains("failed in prepare"));

        assertThat(status)
                .contains("Heron bolt 'store' (io.egret.heron.examples.BrokenTopology$UnreachableBolt) failed in"
                        + " prepare: java.lang.IllegalStateException: cannot reach database db.example:5432");
        kill(heron, "hbroken");
    }

    @Test
    void aDryRunPacksWithHeronsComponentResources() {
        Heron heron = new Heron(home);

        Heron.Result dryRun = heron.run(
                "submit",
                "local",
                heronExamples(heron).toString(),
                "io.egret.heron.examples.WordCountTopology",
                "hdry",
                "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout())
                .containsPattern("consumer\\s+1\\s+0.5\\s+256\\s")
                .containsPattern("word\\s+4\\s+1\\s+192\\s");
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void aJarBuiltAgainstTheTwitterEraApiIsRefusedWithWhatToDo() throws IOException {
        Heron heron = new Heron(home);
        Path jar = home.resolve("old-topology.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream output = new JarOutputStream(file)) {
            output.putNextEntry(new JarEntry("com/acme/Main.class"));
            // The constant pool of a class compiled against Heron 0.17's API names it like this.
            output.write("com/twitter/heron/api/HeronSubmitter".getBytes(US_ASCII));
            output.closeEntry();
        }

        Heron.Result submit = heron.run("submit", "local", jar.toString(), "com.acme.Main", "old");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(2);
        assertThat(submit.stderr().strip())
                .contains("com.twitter.heron API")
                .contains("rebuild it against org.apache.heron:heron-api 0.20")
                .doesNotContain("\n");
    }

    private static Path heronExamples(Heron heron) {
        return heron.install().resolve("examples/heron-examples.jar");
    }

    private static void submit(Heron heron, String mainClass, String name, String... arguments) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                "submit",
                "local",
                heronExamples(heron).toString(),
                mainClass,
                name,
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaledSeconds(60))));
        command.addAll(java.util.List.of(arguments));
        Heron.Result submit = heron.run(command.toArray(String[]::new));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(submit.stdout()).contains("Successfully launched topology '" + name + "'");
    }

    private static void kill(Heron heron, String name) {
        Heron.Result kill = heron.run("kill", "local", name);
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.stdout()).contains("Successfully killed topology '" + name + "'");
    }

    private static String awaitStatus(Heron heron, String topology, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTime.scaled(Duration.ofSeconds(60)));
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

    /** Waits until "at0", "at1", "at2" and "misrouted" got all 1000 numbers between them. */
    private static String awaitEveryNumberAtItsTask(Heron heron, String topology) {
        return awaitStatus(
                heron,
                topology,
                text -> count(text, "at0", "executed")
                                + count(text, "at1", "executed")
                                + count(text, "at2", "executed")
                                + count(text, "misrouted", "executed")
                        >= 1000);
    }

    /**
     * Each task of "chosen" relays what it got on its own stream to "at" plus its index, or to "misrouted" if the
     * number was meant for another task: of 0 to 999, the 200 multiples of 5 reach the first task, the numbers
     * with remainder 1 or 2 the second, with 3 or 4 the third.
     */
    private static void assertExactlyWhereChosen(String status) {
        assertThat(count(status, "numbers", "emitted")).isEqualTo(1000);
        assertThat(count(status, "chosen", "executed")).isEqualTo(1000);
        assertThat(status).containsPattern("(?m)^\\s+misrouted\\s+instances=1 ");
        assertThat(count(status, "misrouted", "executed")).isZero();
        assertThat(count(status, "at0", "executed")).isEqualTo(200);
        assertThat(count(status, "at1", "executed")).isEqualTo(400);
        assertThat(count(status, "at2", "executed")).isEqualTo(400);
    }

    /** A component's counter ({@code emitted}, {@code executed}, {@code acked}, ...) in the status; 0 when not shown. */
    private static long count(String status, String component, String counter) {
        Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(component) + "\\s+instances=.*$")
                .matcher(status);
        if (!line.find()) {
            return 0;
        }
        Matcher value =
                Pattern.compile("\\b" + Pattern.quote(counter) + "=(\\d+)").matcher(line.group());
        return value.find() ? Long.parseLong(value.group(1)) : 0;
    }
}
