package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At-least-once through the real {@code bin/heron} on the local cluster, with a topology written against Egret's
 * own API ({@code io.egret.examples.ReliableWordCount}: {@code topology.reliability.mode: ATLEAST_ONCE}, a finite
 * paced spout, two containers). The executor of the container that does not hold the spout is SIGKILLed mid-run;
 * the local scheduler restarts it. In the end every word of every line is recorded (duplicates allowed and
 * counted), and {@code heron status --output json} agrees: the spout acked each line once, failed exactly what it
 * replayed, and emitted the lines plus the replays.
 */
final class AtLeastOnceLocalTest {
    private static final int LINES = 3_000;
    private static final int LINES_PER_SECOND = 300;
    private static final int WORDS = 4;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void aWorkerContainerKilledMidRunLosesNothingAndTheStatusCountsTheReplays() throws Exception {
        Heron heron = new Heron(home);
        Path results = Files.createDirectories(home.resolve("results"));
        Heron.Result submit = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.ReliableWordCount",
                "reliable",
                "2",
                String.valueOf(LINES),
                String.valueOf(LINES_PER_SECOND),
                results.toString(),
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TestTime.scaledSeconds(60)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        // Mid-run: a fifth of the lines done, and the spout has told which process it runs in.
        Map<String, Long> before = TestTime.awaitValue(
                "a fifth of the lines acked",
                WAIT,
                () -> Optional.of(spoutReport(results)).filter(report -> report.getOrDefault("acked", 0L) > LINES / 5));
        assertThat(before.get("acked")).as("acked before the kill").isLessThan(LINES);
        int spoutContainer = containerOf(before.get("pid"));
        int worker = spoutContainer == 1 ? 2 : 1;
        List<ProcessHandle> victims = Processes.matching(home, line -> line.contains("--container-id=" + worker));
        assertThat(victims).as("the executor of container " + worker).isNotEmpty();

        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            victim.onExit().join();
        }

        awaitStatus(heron, text -> text.contains(worker + "    RUNNING   restarts=1") && text.contains("registered"));
        TestTime.await(
                "every line acked by the spout",
                WAIT,
                () -> spoutReport(results).getOrDefault("acked", 0L) == LINES);
        JsonNode spout = TestTime.awaitValue(
                "the spout's counts in the status",
                WAIT,
                () -> components(heron)
                        .filter(components ->
                                components.get("lines").path("acked").asLong() == LINES)
                        .map(components -> components.get("lines")));
        Map<String, JsonNode> components = components(heron).orElseThrow();

        List<String> recorded = recordedLines(results);
        Set<String> distinct = new HashSet<>(recorded);
        long duplicates = recorded.size() - distinct.size();
        long failed = spout.path("failed").asLong();
        long replayed = spout.path("replayed").asLong();
        String summary = "recorded " + recorded.size() + ", distinct " + distinct.size() + ", duplicates "
                + duplicates + "; lines " + spout + "; split " + components.get("split") + "; record "
                + components.get("record");
        System.out.println("at-least-once through bin/heron, container " + worker + " killed: " + summary);
        Set<String> expected = new HashSet<>();
        for (int line = 0; line < LINES; line++) {
            for (int word = 0; word < WORDS; word++) {
                expected.add(line + ":" + word);
            }
        }
        assertThat(distinct).as(summary).isEqualTo(expected);
        assertThat(replayed).as(summary).isEqualTo(failed);
        assertThat(spoutReport(results).get("failed")).as(summary).isEqualTo(failed);
        assertThat(spout.path("emitted").asLong()).as(summary).isEqualTo(LINES + replayed);
        // A replayed line records its words again at most once per replay.
        assertThat(duplicates).as(summary).isLessThanOrEqualTo(replayed * WORDS);
        if (failed == 0) {
            assertThat(duplicates).as(summary).isZero();
        }

        Heron.Result kill = heron.run("kill", "local", "reliable");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes left after kill")
                .isEmpty();
    }

    /** The container whose executor runs process {@code pid} (from its {@code --container-id=N}). */
    private int containerOf(long pid) {
        String commandLine = Processes.under(home).stream()
                .filter(process -> process.pid() == pid)
                .map(Processes::commandLine)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no process " + pid + " under " + home));
        for (int container = 1; container <= 2; container++) {
            if (commandLine.contains("--container-id=" + container)) {
                return container;
            }
        }
        throw new AssertionError("process " + pid + " is not a worker container's executor: " + commandLine);
    }

    /** The runtime's components by name from {@code heron status --output json}, once it has them. */
    private static Optional<Map<String, JsonNode>> components(Heron heron) {
        Heron.Result status = heron.run("status", "local", "reliable", "--output", "json");
        if (status.exitCode() != 0) {
            return Optional.empty();
        }
        try {
            JsonNode list = JSON.readTree(status.stdout()).path("runtime").path("components");
            Map<String, JsonNode> byName = new HashMap<>();
            list.forEach(component -> byName.put(component.path("component").asText(), component));
            return byName.keySet().containsAll(List.of("lines", "split", "record"))
                    ? Optional.of(byName)
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("status --output json is not JSON: " + status, e);
        }
    }

    private static String awaitStatus(Heron heron, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTime.scaled(WAIT));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", "local", "reliable");
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    /** The spout's latest progress report ({@code acked failed emitted pid}); empty before the first. */
    private static Map<String, Long> spoutReport(Path results) {
        Map<String, Long> report = new HashMap<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("lines-\\d+\\.txt"))
                    .toList()) {
                for (String pair : Files.readString(file).strip().split(" ")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        report.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
                    }
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return report;
    }

    /** Every {@code line:word} the recorders wrote, in all their incarnations. */
    private static List<String> recordedLines(Path results) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("record-"))
                    .toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
