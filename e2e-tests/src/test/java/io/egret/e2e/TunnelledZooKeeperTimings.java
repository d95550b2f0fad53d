package io.egret.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall-clock time of {@code heron list}, {@code heron submit --wait-until RUNNING} and {@code heron kill} on the
 * localzk cluster through the real {@code bin/heron}, with ZooKeeper reached directly and through an SSH jump host
 * ({@link JumpHostZooKeeper}; both servers in this JVM, on loopback). Runs alternate between the two so that a
 * change in the machine's load falls on both. Prints raw samples, medians and the load average before and after;
 * run by {@code benchmarks/zookeeper-tunnel-timings.sh}. Not a test.
 */
public final class TunnelledZooKeeperTimings {
    private TunnelledZooKeeperTimings() {}

    public static void main(String[] arguments) throws Exception {
        int runs = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 5;
        Path home = Files.createTempDirectory("egret-zookeeper-tunnel-timings");
        try (JumpHostZooKeeper cluster = new JumpHostZooKeeper(home)) {
            Heron heron = cluster.heron();
            List<String> direct = List.of(
                    "--config-property",
                    "heron.statemgr.connection.string=" + cluster.directConnectString(),
                    "--config-property",
                    "heron.statemgr.is.tunnel.needed=false");
            List<String> tunnelled = List.of(
                    "--config-property",
                    "heron.statemgr.connection.string=" + cluster.clusterConnectString(),
                    "--config-property",
                    "heron.statemgr.is.tunnel.needed=true",
                    "--config-property",
                    "heron.statemgr.tunnel.host=" + cluster.jumpHost());
            System.out.println("# load average before: " + loadAverage());
            // One of each first, not counted: the JIT-free CLI has no warm-up, but the machine's file cache does.
            cycle(heron, direct, "warmupdirect", new Samples());
            cycle(heron, tunnelled, "warmuptunnel", new Samples());
            Samples directSamples = new Samples();
            Samples tunnelSamples = new Samples();
            int forwardsBefore = cluster.forwards();
            for (int run = 1; run <= runs; run++) {
                cycle(heron, direct, "direct" + run, directSamples);
                cycle(heron, tunnelled, "tunnel" + run, tunnelSamples);
            }
            System.out.println("# load average after:  " + loadAverage());
            System.out.println("# forwards the jump host opened to ZooKeeper in the measured tunnel runs: "
                    + (cluster.forwards() - forwardsBefore));
            directSamples.print("direct");
            tunnelSamples.print("tunnel");
        } finally {
            new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor();
        }
    }

    private static void cycle(Heron heron, List<String> config, String name, Samples samples) {
        samples.list.add(timed(heron, config, "list", "localzk"));
        samples.submit.add(timed(
                heron,
                config,
                "submit",
                "localzk",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                name,
                "--wait-until",
                "RUNNING",
                "--timeout",
                "120"));
        samples.kill.add(timed(heron, config, "kill", "localzk", name));
    }

    private static long timed(Heron heron, List<String> config, String... command) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(config);
        long start = System.nanoTime();
        Heron.Result result = heron.run("bin/heron", arguments);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (result.exitCode() != 0) {
            throw new IllegalStateException("heron " + arguments + " failed: " + result);
        }
        return millis;
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    /** Milliseconds per command. */
    private static final class Samples {
        final List<Long> list = new ArrayList<>();
        final List<Long> submit = new ArrayList<>();
        final List<Long> kill = new ArrayList<>();

        void print(String route) {
            line(route, "heron list", list);
            line(route, "heron submit --wait-until RUNNING", submit);
            line(route, "heron kill", kill);
        }

        private static void line(String route, String command, List<Long> samples) {
            List<Long> sorted = samples.stream().sorted().toList();
            long median = sorted.size() % 2 == 1
                    ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf("%-7s %-34s median %6d ms   runs: %s%n", route, command, median, samples);
        }
    }
}
