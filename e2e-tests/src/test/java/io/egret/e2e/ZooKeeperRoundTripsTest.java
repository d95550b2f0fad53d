package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many ZooKeeper round trips {@code heron submit} and {@code heron kill} cost on the localzk cluster, counted
 * by the server per client session. The goal: each lifecycle change is one transaction, plus reads (Heron: an
 * existence check and three sequential creates per submit, eight sequential deletes per kill). The raw counts go
 * to {@code egret.roundtrips.output} when set (see benchmarks/zookeeper-round-trips.sh).
 */
final class ZooKeeperRoundTripsTest {
    private static final String MULTI = "multi";

    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void everyStateChangeOfSubmitAndKillIsOneTransaction() throws Exception {
        // A measurement, run by benchmarks/zookeeper-round-trips.sh: on a loaded machine the topology's own
        // processes also write while the CLI runs, and a session cannot yet be told apart from the CLI's.
        assumeTrue(!System.getProperty("egret.roundtrips.output", "").isEmpty(), "run by the benchmark script");
        List<String> report = new ArrayList<>();
        try (CountingZooKeeper zooKeeper =
                new CountingZooKeeper(home.resolve("zookeeper").toFile())) {
            Heron heron = new Heron(home);
            assertThat(heron.run(
                                    "config",
                                    "localzk",
                                    "set",
                                    "heron.statemgr.connection.string",
                                    zooKeeper.connectString())
                            .exitCode())
                    .isZero();
            // A first submit and kill create Heron's directory tree; the measured ones find it in place.
            run(heron, "submit", "localzk", heron.examplesJar().toString(), "io.egret.examples.WordCount", "warmup");
            run(heron, "kill", "localzk", "warmup");

            Set<Long> beforeSubmit = zooKeeper.sessions();
            run(heron, "submit", "localzk", heron.examplesJar().toString(), "io.egret.examples.WordCount", "counted");
            List<List<String>> submit = zooKeeper.closedSessionsSince(beforeSubmit);
            Set<Long> beforeKill = zooKeeper.sessions();
            run(heron, "kill", "localzk", "counted");
            List<List<String>> kill = zooKeeper.closedSessionsSince(beforeKill);

            report.add("# ZooKeeper round trips of the heron CLI on the localzk cluster, counted by the server ("
                    + Instant.now() + ")");
            report.add(
                    "# per command: every request of the CLI's session(s); data = without session and ping requests");
            describe(report, "heron submit", submit);
            describe(report, "heron kill", kill);

            // The topology's own processes may open and close short read-only sessions meanwhile (more so on a
            // loaded machine); the CLI's session is the one that writes.
            List<List<String>> submitWriters = writers(submit);
            List<List<String>> killWriters = writers(kill);
            assertThat(submitWriters)
                    .as("the writing sessions during submit: %s", submit)
                    .hasSize(1);
            assertThat(killWriters)
                    .as("the writing sessions during kill: %s", kill)
                    .hasSize(1);
            List<String> submitData = CountingZooKeeper.dataRequests(submitWriters.get(0));
            List<String> killData = CountingZooKeeper.dataRequests(killWriters.get(0));
            // Every write is one transaction (multi), never a single-node write. Submit writes twice: the records
            // (topology, packing plan, execution state: one transaction) and, after the launch, the lifecycle mark;
            // kill marks the topology killing, then deletes every record in one transaction.
            assertThat(submitData).filteredOn(ZooKeeperRoundTripsTest::isWrite).containsExactly(MULTI, MULTI);
            assertThat(killData).filteredOn(ZooKeeperRoundTripsTest::isWrite).containsExactly(MULTI, MULTI);
        } finally {
            String output = System.getProperty("egret.roundtrips.output", "");
            if (!output.isEmpty() && !report.isEmpty()) {
                Files.write(Path.of(output), report, StandardCharsets.UTF_8);
            }
            report.forEach(System.out::println);
        }
    }

    private static List<List<String>> writers(List<List<String>> sessions) {
        return sessions.stream()
                .filter(requests -> requests.stream().anyMatch(ZooKeeperRoundTripsTest::isWrite))
                .toList();
    }

    private static boolean isWrite(String request) {
        return switch (request) {
            case "create", "create2", "createContainer", "createTTL", "delete", "deleteContainer", "setData", MULTI ->
                true;
            default -> false;
        };
    }

    private static void describe(List<String> report, String command, List<List<String>> sessions) {
        for (List<String> requests : sessions) {
            List<String> data = CountingZooKeeper.dataRequests(requests);
            long writes = data.stream().filter(ZooKeeperRoundTripsTest::isWrite).count();
            String who = writes > 0 ? command : command + " (another short-lived session, read only)";
            report.add(who + ": " + data.size() + " data round trips (" + writes + " write, " + (data.size() - writes)
                    + " read); all requests: " + requests);
        }
    }

    private static void run(Heron heron, String... arguments) throws IOException {
        Heron.Result result = heron.run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
