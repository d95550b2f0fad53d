package io.egret.modules.benchmarks;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.sun.net.httpserver.HttpServer;
import io.egret.adapters.ssh.SshAdapterModule;
import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.adapters.ssh.testing.TestingSshServer;
import io.egret.control.DirectRoute;
import io.egret.control.HttpTopologyControl;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyId;
import io.egret.ports.out.TunnelPort;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times topology-master control calls (activate) made directly and through an SSH local forward (JSch client,
 * Apache MINA SSHD jump host, both in this JVM, on loopback): the steady per-call cost with the tunnel open, and the
 * first call of a command, which pays for the SSH login, the verification channel and the forward. Prints raw
 * samples and a summary; run by {@code benchmarks/tunnel-timings.sh}. Not a test.
 */
public final class TunnelControlTimings {
    private static final TopologyId ID = TopologyId.of("bench-1");

    private TunnelControlTimings() {}

    public static void main(String[] arguments) throws Exception {
        int calls = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 500;
        int cold = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 20;
        Path directory = Files.createTempDirectory("egret-tunnel-timings");
        Path key = directory.resolve("id_ecdsa");
        Path authorizedKeys = directory.resolve("authorized_keys");
        Files.writeString(authorizedKeys, TestingSshServer.generateClientKey(key) + "\n");
        HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/", exchange -> {
            byte[] body = "{\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream output = exchange.getResponseBody()) {
                output.write(body);
            }
        });
        master.start();
        int port = master.getAddress().getPort();
        try (TestingSshServer ssh =
                new TestingSshServer(authorizedKeys, Map.of("master.cluster.invalid", "127.0.0.1"))) {
            Path knownHosts = Files.writeString(directory.resolve("known_hosts"), ssh.knownHostsLine() + "\n");
            SshTunnelConfig config = new SshTunnelConfig(
                    "heron.scheduler",
                    "heron@127.0.0.1:" + ssh.port(),
                    "heron",
                    Duration.ofSeconds(2),
                    1,
                    Duration.ofMillis(100),
                    3,
                    List.of(key),
                    true,
                    knownHosts,
                    true,
                    Optional.empty());
            TopologyMasterLocation direct = new TopologyMasterLocation(ID, "127.0.0.1", port, 1);
            TopologyMasterLocation remote = new TopologyMasterLocation(ID, "master.cluster.invalid", port, 1);

            System.out.println("# calls=" + calls + " cold=" + cold + " java=" + System.getProperty("java.version")
                    + " cpus=" + Runtime.getRuntime().availableProcessors());
            report("steady direct", steady(() -> DirectRoute.INSTANCE, direct, calls));
            report("steady tunnel", steady(() -> sshTunnels(config), remote, calls));
            report("first-call direct", firstCalls(() -> DirectRoute.INSTANCE, direct, cold));
            report("first-call tunnel", firstCalls(() -> sshTunnels(config), remote, cold));
        } finally {
            master.stop(0);
        }
    }

    /** Per-call times of {@code calls} activates on one client, after as many warm-up calls. */
    private static List<Long> steady(Supplier<TunnelPort> routes, TopologyMasterLocation master, int calls)
            throws Exception {
        TunnelPort route = routes.get();
        List<Long> samples = new ArrayList<>();
        try (HttpTopologyControl control = client(route)) {
            for (int i = 0; i < calls; i++) {
                control.activate(master);
            }
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                control.activate(master);
                samples.add(System.nanoTime() - start);
            }
        } finally {
            closeRoute(route);
        }
        return samples;
    }

    /** The first activate of a fresh client and route, as one CLI command makes it. */
    private static List<Long> firstCalls(Supplier<TunnelPort> routes, TopologyMasterLocation master, int count)
            throws Exception {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < count + 3; i++) {
            TunnelPort route = routes.get();
            long start = System.nanoTime();
            try (HttpTopologyControl control = client(route)) {
                control.activate(master);
                long took = System.nanoTime() - start;
                if (i >= 3) {
                    samples.add(took);
                }
            } finally {
                closeRoute(route);
            }
        }
        return samples;
    }

    /** A fresh SSH tunnel port, built the way the wiring builds it. */
    private static TunnelPort sshTunnels(SshTunnelConfig config) {
        return Guice.createInjector(new SshAdapterModule(config, Key.get(TunnelPort.class)))
                .getInstance(TunnelPort.class);
    }

    private static HttpTopologyControl client(TunnelPort route) {
        return new HttpTopologyControl(Duration.ofSeconds(5), Duration.ofSeconds(30), route);
    }

    private static void closeRoute(TunnelPort route) throws Exception {
        if (route instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static void report(String name, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        StringBuilder raw = new StringBuilder("raw " + name.replace(' ', '-') + " us:");
        for (long sample : nanos) {
            raw.append(' ').append(sample / 1_000);
        }
        System.out.println(raw);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1_000_000.0;
        System.out.printf(
                "%-18s n=%4d  median=%8.3f ms  p90=%8.3f ms  p99=%8.3f ms  mean=%8.3f ms%n",
                name,
                sorted.size(),
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                mean);
    }

    private static double percentile(List<Long> sorted, double fraction) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
