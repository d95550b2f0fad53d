package io.egret.executor;

import static io.egret.executor.TestingTopologyProcesses.count;
import static io.egret.executor.TestingTopologyProcesses.post;
import static io.egret.executor.TestingTopologyProcesses.status;

import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.examples.WordCount;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A benchmark, not a test (Surefire runs only {@code *Test} classes): WordCount across two containers as separate
 * executor processes on loopback, measured through the master's HTTP status, and the deactivate latency as the
 * HTTP client sees it. Run through {@code benchmarks/run-runtime.sh}.
 *
 * <p>Arguments: {@code warmupSeconds measureSeconds deactivateRounds}, defaults {@code 5 10 20}.
 */
public final class MultiProcessWordCountBenchmark {
    private MultiProcessWordCountBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int measureSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int deactivateRounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path directory = Files.createTempDirectory("egret-runtime-benchmark");
        TopologyDefinition definition = WordCount.topology(1).toDefinition("word-count-processes", WordCount.config(2));
        TopologyId topologyId = TopologyId.of("word-count-processes-benchmark");
        try (TestingTopologyProcesses topology = new TestingTopologyProcesses(
                directory, definition, 2, topologyId, List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC"))) {
            for (int container = 0; container <= 2; container++) {
                topology.start(container);
            }
            TopologyMasterLocation master = await(topology::masterLocation);
            await(() -> status(master).filter(status -> count(status, "count").executed() > 0));
            TimeUnit.SECONDS.sleep(warmupSeconds);

            TopologyRuntimeStatus start = status(master).orElseThrow();
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(measureSeconds);
            TopologyRuntimeStatus end = status(master).orElseThrow();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long executed = count(end, "split").executed()
                    + count(end, "count").executed()
                    - count(start, "split").executed()
                    - count(start, "count").executed();
            long sentences =
                    count(end, "sentence").emitted() - count(start, "sentence").emitted();
            System.out.printf(
                    Locale.ROOT,
                    "word-count as 3 processes (master + 2 containers, loopback TCP), parallelism 1: %,.0f tuples/s"
                            + " executed by bolts (split+count), %,.0f sentences/s emitted%n",
                    executed / seconds,
                    sentences / seconds);

            double[] latencies = new double[deactivateRounds];
            for (int round = 0; round < deactivateRounds; round++) {
                long before = System.nanoTime();
                int deactivated = post(master, "/deactivate?topologyid=" + topologyId);
                latencies[round] = (System.nanoTime() - before) / 1e6;
                int activated = post(master, "/activate?topologyid=" + topologyId);
                if (deactivated != 200 || activated != 200) {
                    throw new IllegalStateException("deactivate answered " + deactivated + ", activate " + activated);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "POST /deactivate until spouts stopped in every container (%d rounds, under full load):"
                            + " median %.2f ms, max %.2f ms%n",
                    deactivateRounds,
                    latencies[latencies.length / 2],
                    latencies[latencies.length - 1]);
            for (Process process : topology.processes().values()) {
                process.destroy();
            }
            for (Process process : topology.processes().values()) {
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the topology did not come up within 60 s");
    }
}
