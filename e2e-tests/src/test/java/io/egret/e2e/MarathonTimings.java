package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.marathon.simulator.MarathonSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (its name keeps it out of the default run): measures wall time of {@code heron submit} and
 * {@code heron kill} through the real {@code bin/heron} against the Marathon simulator, and counts the HTTP calls
 * each makes to Marathon. Run by {@code benchmarks/marathon-timings.sh}; it writes a markdown table to the file in
 * {@code egret.benchmark.output}. Nothing here asserts on time.
 */
final class MarathonTimings {
    private static final String TOKEN = "timing-token";
    private static final String CLUSTER = "marathon/alice/prod";

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

    @Test
    void submitAndKillTimesAndHttpCalls() throws IOException {
        int runs = Integer.getInteger("egret.benchmark.runs", 3);
        simulator = MarathonSimulator.builder()
                .basePath("/service/marathon")
                .token(TOKEN)
                .processes(home.resolve("mesos-agent"))
                .start();
        MarathonClusterFiles.write(home, simulator.uri(), TOKEN);
        Heron heron = new Heron(home);
        List<String> rows = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String name = "bench" + run;
            rows.add(measure(
                    heron,
                    "submit (returns when Marathon accepted the group)",
                    List.of("submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", name)));
            rows.add(measure(heron, "kill (suspend, wait, delete, wait, clean state)", List.of("kill", CLUSTER, name)));
            String waited = name + "w";
            rows.add(measure(
                    heron,
                    "submit --wait-until RUNNING",
                    List.of(
                            "submit",
                            CLUSTER,
                            heron.examplesJar().toString(),
                            "io.egret.examples.WordCount",
                            waited,
                            "--wait-until",
                            "RUNNING",
                            "--timeout",
                            "120")));
            rows.add(measure(heron, "kill of a running topology", List.of("kill", CLUSTER, waited)));
        }
        StringBuilder table = new StringBuilder()
                .append("# Marathon: heron submit / kill against the simulator\n\n")
                .append("Real bin/heron on the module path, WordCount (")
                .append(simulator == null ? "?" : "container 0 + packed containers")
                .append("), simulator with real executor processes, ")
                .append(runs)
                .append(" runs. HTTP calls are requests the simulator received during the command.\n\n")
                .append("| command | wall time ms | HTTP calls | calls by endpoint |\n|---|---|---|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        String output = System.getProperty("egret.benchmark.output", "");
        if (!output.isEmpty()) {
            Files.writeString(Path.of(output), table.toString());
        }
        System.out.println(table);
    }

    private String measure(Heron heron, String what, List<String> arguments) {
        List<String> withConfig = new ArrayList<>(arguments);
        withConfig.add("--config-path");
        withConfig.add(home.resolve("heron-conf").toString());
        simulator.clearRequests();
        long start = System.nanoTime();
        Heron.Result result = heron.run("bin/heron", withConfig);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> requests = simulator.requests();
        Map<String, Long> byEndpoint = requests.stream()
                .map(MarathonTimings::endpoint)
                .collect(Collectors.groupingBy(endpoint -> endpoint, TreeMap::new, Collectors.counting()));
        return "| " + what + " | " + millis + " | " + requests.size() + " | "
                + byEndpoint.entrySet().stream()
                        .map(entry -> entry.getKey() + " x" + entry.getValue())
                        .collect(Collectors.joining(", "))
                + " |";
    }

    /** {@code METHOD /v2/<resource>}, without ids and queries. */
    private static String endpoint(String request) {
        String[] parts = request.split(" ", 2);
        String path = parts[1].replaceFirst("^/service/marathon", "").replaceFirst("\\?.*$", "");
        String[] segments = path.split("/");
        String resource = segments.length > 2 ? "/" + segments[1] + "/" + segments[2] : path;
        if (path.endsWith("/restart")) {
            resource += "/{id}/restart";
        } else if (segments.length > 3) {
            resource += "/{id}";
        }
        return parts[0] + " " + resource;
    }
}
