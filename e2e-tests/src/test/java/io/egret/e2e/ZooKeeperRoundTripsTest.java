package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * existence check and three sequential creates per submit, eight sequential deletes per kill). The CLI's session
 * is told apart from the topology's own (which come and go as containers start, restart and end, the more so on a
 * loaded machine) by what it wrote: the transaction that creates, or deletes, the topology's record. Counts, not
 * times: part of the suite. The raw counts also go to {@code egret.roundtrips.output} when set (see
 * benchmarks/zookeeper-round-trips.sh).
 */
final class ZooKeeperRoundTripsTest {
    private static final String MULTI = "multi";
    private static final String COUNTED = "counted";
    private static final String TOPOLOGY_RECORD = "/heron/topologies/" + COUNTED;

    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void everyStateChangeOfSubmitAndKillIsOneTransaction() throws Exception {
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
            run(heron, "submit", "localzk", heron.examplesJar().toString(), "io.egret.examples.WordCount", COUNTED);
            List<CountingZooKeeper.Session> submit = zooKeeper.closedSessionsSince(beforeSubmit);
            Set<Long> beforeKill = zooKeeper.sessions();
            run(heron, "kill", "localzk", COUNTED);
            List<CountingZooKeeper.Session> kill = zooKeeper.closedSessionsSince(beforeKill);

            report.add("# ZooKeeper round trips of the heron CLI on the localzk cluster, counted by the server ("
                    + Instant.now() + ")");
            report.add(
                    "# per command: every request of the CLI's session(s); data = without session and ping requests");
            // Only the CLI writes the topology's own record: in one transaction when submit creates it and when kill
            // deletes it.
            CountingZooKeeper.Session submitSession = theCli(submit, "submit");
            CountingZooKeeper.Session killSession = theCli(kill, "kill");
            describe(report, "heron submit", submitSession, submit);
            describe(report, "heron kill", killSession, kill);

            List<String> submitData = CountingZooKeeper.dataRequests(submitSession.requests());
            List<String> killData = CountingZooKeeper.dataRequests(killSession.requests());
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

    /** The one session of the command that wrote the topology's record in a transaction. */
    private static CountingZooKeeper.Session theCli(List<CountingZooKeeper.Session> sessions, String command) {
        List<CountingZooKeeper.Session> cli = sessions.stream()
                .filter(session -> session.transacted(TOPOLOGY_RECORD))
                .toList();
        assertThat(cli)
                .as("sessions of '%s' that wrote %s in a transaction: %s", command, TOPOLOGY_RECORD, sessions)
                .hasSize(1);
        return cli.get(0);
    }

    private static boolean isWrite(String request) {
        return switch (request) {
            case "create", "create2", "createContainer", "createTTL", "delete", "deleteContainer", "setData", MULTI ->
                true;
            default -> false;
        };
    }

    private static void describe(
            List<String> report,
            String command,
            CountingZooKeeper.Session cli,
            List<CountingZooKeeper.Session> sessions) {
        for (CountingZooKeeper.Session session : sessions) {
            List<String> data = CountingZooKeeper.dataRequests(session.requests());
            long writes = data.stream().filter(ZooKeeperRoundTripsTest::isWrite).count();
            String who =
                    session.equals(cli) ? command : command + " (meanwhile, a session of the topology's processes)";
            report.add(who + ": " + data.size() + " data round trips (" + writes + " write, " + (data.size() - writes)
                    + " read); all requests: " + session.requests());
        }
    }

    private static void run(Heron heron, String... arguments) throws IOException {
        Heron.Result result = heron.run(arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
