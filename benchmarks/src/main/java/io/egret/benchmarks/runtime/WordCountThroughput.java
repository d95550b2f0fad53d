package io.egret.benchmarks.runtime;

import io.egret.domain.topology.TopologyDefinition;
import io.egret.examples.WordCount;
import io.egret.executor.EmbeddedTopology;
import io.egret.ports.out.ComponentStatistics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures WordCount in an {@link EmbeddedTopology}: tuples per second executed by the bolts (split plus count),
 * within one container or across containers over loopback TCP, and the latency from deactivate to spouts stopped.
 * A plain main, not a unit test: run it through {@code benchmarks/run-runtime.sh}.
 *
 * <p>Arguments: {@code containers parallelism warmupSeconds measureSeconds deactivateRounds}, defaults
 * {@code 1 1 5 10 20}.
 */
public final class WordCountThroughput {
    private WordCountThroughput() {}

    public static void main(String[] args) throws Exception {
        int containers = argument(args, 0, 1);
        int parallelism = argument(args, 1, 1);
        int warmupSeconds = argument(args, 2, 5);
        int measureSeconds = argument(args, 3, 10);
        int deactivateRounds = argument(args, 4, 20);
        TopologyDefinition definition =
                WordCount.topology(parallelism).toDefinition("word-count-benchmark", WordCount.config(containers));
        try (EmbeddedTopology topology = EmbeddedTopology.start(definition, containers)) {
            TimeUnit.SECONDS.sleep(warmupSeconds);
            long[] start = totals(topology, containers);
            long startNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(measureSeconds);
            long[] end = totals(topology, containers);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double boltTuples = (end[1] - start[1]) / seconds;
            double spoutTuples = (end[0] - start[0]) / seconds;
            System.out.printf(
                    Locale.ROOT,
                    "word-count containers=%d parallelism=%d: %,.0f tuples/s executed by bolts (split+count),"
                            + " %,.0f sentences/s emitted by spouts%n",
                    containers,
                    parallelism,
                    boltTuples,
                    spoutTuples);

            double[] latencies = new double[deactivateRounds];
            for (int round = 0; round < deactivateRounds; round++) {
                long before = System.nanoTime();
                topology.deactivate();
                latencies[round] = (System.nanoTime() - before) / 1e6;
                topology.activate();
                TimeUnit.MILLISECONDS.sleep(100);
            }
            Arrays.sort(latencies);
            System.out.printf(
                    Locale.ROOT,
                    "deactivate until spouts stopped (%d rounds, under full load): median %.2f ms, max %.2f ms%n",
                    deactivateRounds,
                    latencies[latencies.length / 2],
                    latencies[latencies.length - 1]);
        }
    }

    /** Spout emits and bolt executions summed over containers. */
    private static long[] totals(EmbeddedTopology topology, int containers) {
        long emitted = 0;
        long executed = 0;
        for (int container = 1; container <= containers; container++) {
            Map<String, ComponentStatistics> counters = topology.counters(container);
            ComponentStatistics sentence = counters.get("sentence");
            emitted += sentence == null ? 0 : sentence.emitted();
            for (String bolt : new String[] {"split", "count"}) {
                ComponentStatistics statistics = counters.get(bolt);
                executed += statistics == null ? 0 : statistics.executed();
            }
        }
        return new long[] {emitted, executed};
    }

    private static int argument(String[] args, int index, int defaultValue) {
        return args.length > index ? Integer.parseInt(args[index]) : defaultValue;
    }
}
