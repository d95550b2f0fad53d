package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.marathon.simulator.MarathonSimulator;
import io.egret.adapters.ssh.testing.TestingSshServer;
import io.egret.testsupport.TestTime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DC/OS guide end to end through the real {@code bin/heron} of a copied install on the module path: its
 * {@code scheduler.yaml} against the Marathon simulator, and its {@code statemgr.yaml} word for word, with state in
 * a real ZooKeeper named {@code leader.mesos} as inside a DC/OS cluster. That name resolves only in the cluster: the
 * containers (run by the simulator's agent) resolve it through the agent's hosts file and reach ZooKeeper directly,
 * while the CLI on the operator's machine cannot, so it tunnels through the guide's SSH jump host (a real SSH
 * server, key login, the host key in the operator's {@code known_hosts}). Packages go through the guide's S3 uploader to
 * an S3-compatible store in this JVM: the CLI with the operator's keys from {@code uploader.yaml}, the containers
 * with the agents' own credentials (their environment here, an instance role on AWS) and the store's address handed
 * to their executors, never a secret. The token of {@code dcos auth login} is required by the simulator; neither it
 * nor the secret key appears in any output, app definition or container log. The troubleshooting section runs too:
 * a topology stuck in "Waiting" explains itself, is killed without suspending it by hand and comes back with smaller
 * containers; a group destroyed in Marathon is cleaned up by {@code heron kill}.
 */
final class DcosGuideTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.dcos-acs-token";
    private static final String CLUSTER = "marathon/alice/prod";
    private static final String CLUSTER_NAME = "leader.mesos";
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");
    private static final String ACCESS_KEY = "dcos-operator";
    private static final String SECRET_KEY = "dcos-secret-key-never-shown";
    private static final String BUCKET = "heron";
    private static final String PACKAGES = "topologies/";
    /** Agents of 4 CPUs: a container of one 9-instance WordCount (5.5 CPUs) fits none of them. */
    private static final List<MarathonSimulator.Agent> AGENTS =
            Collections.nCopies(4, new MarathonSimulator.Agent(4, 8192, 65536));

    @TempDir
    Path home;

    private TestingServer zooKeeperServer;
    private CuratorFramework zooKeeper;
    private TestingSshServer jumpHost;
    private MarathonSimulator simulator;
    private TestingS3 s3;
    private String zooKeeperAddress;
    private final List<Heron.Result> results = new ArrayList<>();

    @BeforeEach
    void startTheCluster() throws Exception {
        zooKeeperServer = new TestingServer(true);
        zooKeeper = CuratorFrameworkFactory.newClient(zooKeeperServer.getConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
        zooKeeperAddress = CLUSTER_NAME + ":" + zooKeeperServer.getPort();

        // The guide's refresher: the operator's public key in the jump host's authorized_keys.
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path jumpHostDirectory = Files.createDirectories(home.resolve("jump-host"));
        Path authorizedKeys = jumpHostDirectory.resolve("authorized_keys");
        Files.writeString(authorizedKeys, TestingSshServer.generateClientKey(ssh.resolve("id_ecdsa")) + "\n");
        jumpHost = new TestingSshServer(authorizedKeys, Map.of(CLUSTER_NAME, "127.0.0.1"));
        Files.writeString(ssh.resolve("known_hosts"), jumpHost.knownHostsLine() + "\n");

        // Inside the cluster, the agents' resolver knows leader.mesos; the executors' JVMs get it as a hosts file.
        Path agentHosts = Files.writeString(
                jumpHostDirectory.resolve("agent-hosts"),
                "127.0.0.1 " + CLUSTER_NAME + " localhost "
                        + InetAddress.getLocalHost().getHostName() + "\n");
        s3 = TestingS3.start(ACCESS_KEY, SECRET_KEY, BUCKET);
        simulator = MarathonSimulator.builder()
                .basePath("/service/marathon")
                .token(TOKEN)
                .agents(AGENTS)
                .processes(home.resolve("mesos-agent"))
                .agentEnvironment(Map.of(
                        "EGRET_EXECUTOR_JAVA_OPTS", "-Djdk.net.hosts.file=" + agentHosts,
                        // The agents' own S3 credentials (an instance role on AWS); S3Proxy knows one pair only.
                        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", SECRET_KEY))
                .start();
        writeClusterFiles(TOKEN);
    }

    /** The guide's cluster directory: its scheduler.yaml with this token, statemgr.yaml and the S3 uploader. */
    private void writeClusterFiles(String token) {
        MarathonClusterFiles.write(
                home,
                simulator.uri(),
                token,
                MarathonClusterFiles.guideStateManager(zooKeeperAddress, "centos@127.0.0.1:" + jumpHost.port()),
                MarathonClusterFiles.guideS3Uploader(s3.uri(), BUCKET, ACCESS_KEY, SECRET_KEY));
    }

    @AfterEach
    void stopTheCluster() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        Processes.killAllUnder(home);
        jumpHost.close();
        if (s3 != null) {
            s3.close();
        }
        zooKeeper.close();
        zooKeeperServer.close();
    }

    @Test
    void everyCommandWorksWithStateInZooKeeperThroughTheTunnelAndKillLeavesNothing() throws Exception {
        Heron heron = new Heron(home);

        Heron.Result submit = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                Long.toString(TestTime.scaledSeconds(90)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(jumpHost.forwards())
                .as("the CLI reached ZooKeeper through the jump host")
                .contains(zooKeeperAddress);
        List<String> stored = s3.keys(PACKAGES);
        assertThat(stored)
                .singleElement()
                .asString()
                .matches("topologies/marathon/wordcount/[0-9a-f]{64}/topology.tar.gz");
        // Every container fetches the package from S3 itself, told where the store is but given no secret.
        String group = marathonGet("/v2/groups/heron/topologies/wordcount");
        assertThat(group)
                .contains("--package-uri=s3://" + BUCKET + "/" + stored.get(0))
                .contains("--fetch-config-property=heron.uploader.s3.uri=" + s3.uri())
                .contains("--fetch-config-property=heron.uploader.s3.region=us-east-1")
                .doesNotContain(SECRET_KEY)
                .doesNotContain(ACCESS_KEY);
        // Nor is it in what the topology leaves for others to read: its state and its package.
        assertThat(znodeTexts("/heron"))
                .isNotEmpty()
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(TOKEN));
        try (InputStream unpacked = new GZIPInputStream(new ByteArrayInputStream(s3.read(stored.get(0))))) {
            assertThat(new String(unpacked.readAllBytes(), StandardCharsets.ISO_8859_1))
                    .as("the stored package")
                    .contains("wordcount")
                    .doesNotContain(SECRET_KEY)
                    .doesNotContain(TOKEN);
        }
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly("wordcount");
        assertThat(zooKeeper.getChildren().forPath("/heron/executionstate")).containsExactly("wordcount");
        assertThat(home.resolve(".herondata/repository/state")).doesNotExist();
        int containers = simulator.appIds().size();
        assertThat(containers).isGreaterThanOrEqualTo(2);

        // The topology master found through ZooKeeper: it registered there from inside the cluster.
        awaitStatus(heron, text -> emitted(text) > 0 && text.contains("registered") && !text.contains("PENDING"));
        assertThat(zooKeeper.checkExists().forPath("/heron/tmanagers/wordcount"))
                .isNotNull();
        // Every executor's heap is bounded from the packing plan: container 0's fixed bound, the others' from their
        // RAM.
        assertThat(Processes.executorHeaps(home))
                .hasSize(containers)
                .contains("256m")
                .doesNotContain("none");

        Heron.Result deactivate = run(heron, "deactivate", CLUSTER, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = run(heron, "status", CLUSTER, "wordcount").stdout();
        assertThat(paused).contains("PAUSED");
        Heron.Result activate = run(heron, "activate", CLUSTER, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = emitted(paused);
        awaitStatus(heron, text -> text.contains("RUNNING") && emitted(text) > emittedPaused);

        int tasksBefore = tasksStarted();
        Heron.Result restart = run(heron, "restart", CLUSTER, "wordcount", "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        TestTime.await("container 1 restarted", Duration.ofSeconds(60), () -> tasksStarted() == tasksBefore + 1);
        String restarted = awaitStatus(heron, text -> text.contains("registered") && !text.contains("PENDING"));
        assertThat(restarted).contains("1    RUNNING   restarts=1").contains("0    RUNNING   restarts=0");

        Heron.Result update =
                run(heron, "update", CLUSTER, "wordcount", "--container-number", Integer.toString(containers));
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(simulator.appIds()).hasSize(containers + 1);
        awaitStatus(heron, text -> text.contains(containers + "    RUNNING") && text.contains("registered"));

        Heron.Result kill = run(heron, "kill", CLUSTER, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(simulator.groupIds()).doesNotContain("/heron/topologies/wordcount");
        assertThat(simulator.liveTasks()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TestTime.scaled(Duration.ofSeconds(10)))))
                .as("processes after kill")
                .isEmpty();
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "wordcount"))
                .as("znodes of the topology")
                .isEmpty();
        assertThat(s3.keys(PACKAGES)).as("packages after kill").isEmpty();
        assertThat(jumpHost.forwards().stream().distinct()).containsExactly(zooKeeperAddress);

        Heron.Result again = run(heron, "kill", CLUSTER, "wordcount");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertNoSecretShown();
    }

    @Test
    void theTokenFromDcosAuthLoginIsRequiredAndNeverShown() throws Exception {
        Heron heron = new Heron(home);
        String expired = "eyJhbGciOiJSUzI1NiJ9.expired-token";
        for (String token : List.of("", expired)) {
            writeClusterFiles(token);

            Heron.Result submit = run(
                    heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "denied");

            assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(2);
            assertThat(submit.stderr().lines().filter(line -> line.startsWith("heron submit:")))
                    .as(submit.stderr())
                    .singleElement()
                    .asString()
                    .contains("401 Unauthorized")
                    .contains("dcos auth login");
            assertThat(submit.toString()).doesNotContain(expired);
            assertThat(simulator.groupIds()).isEmpty();
            assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "denied")).isEmpty();
            assertThat(s3.keys(PACKAGES))
                    .as("the refused submit took back its package")
                    .isEmpty();
        }

        // The refreshed token: the same submit works, and its kill leaves nothing.
        writeClusterFiles(TOKEN);
        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "denied");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        Heron.Result kill = run(heron, "kill", CLUSTER, "denied");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertNothingLeft("denied");
        assertNoSecretShown();
    }

    @Test
    void aTopologyStuckInWaitingSaysWhyIsKilledWithoutSuspendingByHandAndFitsWithMoreContainers() throws Exception {
        Heron heron = new Heron(home);
        // One container for 9 instances: larger than any agent.
        Heron.Result submit = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "stuck",
                "1",
                "3");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        String waiting = awaitStatus(heron, "stuck", text -> text.contains("waiting for resources"));
        assertThat(waiting)
                .contains("PENDING")
                .contains("the largest of the last")
                .contains("InsufficientCpus");

        // The guide's note: Heron's kill needed the group suspended in Marathon first; Egret suspends it itself.
        Heron.Result kill = run(heron, "kill", CLUSTER, "stuck");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertNothingLeft("stuck");

        // The guide's remedy: the same instances in more, smaller containers.
        Heron.Result again = run(
                heron,
                "submit",
                CLUSTER,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "stuck",
                "3",
                "3",
                "--wait-until",
                "RUNNING",
                "--timeout",
                Long.toString(TestTime.scaledSeconds(90)));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(simulator.appIds()).hasSize(4);
        awaitStatus(heron, "stuck", text -> emitted(text) > 0 && !text.contains("PENDING"));
        Heron.Result killAgain = run(heron, "kill", CLUSTER, "stuck");
        assertThat(killAgain.exitCode()).as(killAgain.toString()).isZero();
        assertNothingLeft("stuck");
        assertNoSecretShown();
    }

    @Test
    void aGroupDestroyedInMarathonIsCleanedUpByKillAndTheNameCanBeUsedAgain() throws Exception {
        Heron heron = new Heron(home);
        Heron.Result submit = run(
                heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "destroyed");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        // What the guide warns against: "Destroy" in Marathon's UI, which leaves the topology's state behind.
        marathonDelete("/v2/groups/heron/topologies/destroyed?force=true");
        TestTime.await(
                "the group destroyed",
                Duration.ofSeconds(30),
                () -> simulator.groupIds().isEmpty() && simulator.liveTasks() == 0);
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "destroyed")).isNotEmpty();

        Heron.Result blocked = run(
                heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "destroyed");
        assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(4);
        assertThat(blocked.stderr()).contains("heron kill");

        Heron.Result kill = run(heron, "kill", CLUSTER, "destroyed");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertNothingLeft("destroyed");

        Heron.Result again = run(
                heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "destroyed");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(run(heron, "kill", CLUSTER, "destroyed").exitCode()).isZero();
        assertNothingLeft("destroyed");
        assertNoSecretShown();
    }

    @Test
    void withoutTheJumpHostTheClusterOnlyNameIsUnreachableAndNothingIsLeft() throws Exception {
        Heron heron = new Heron(home);
        jumpHost.close();

        Heron.Result submit =
                run(heron, "submit", CLUSTER, heron.examplesJar().toString(), "io.egret.examples.WordCount", "cut");

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(5);
        assertThat(submit.stderr().lines().filter(line -> line.startsWith("heron submit:")))
                .as(submit.stderr())
                .singleElement()
                .asString()
                .contains("centos@127.0.0.1:" + jumpHost.port())
                .contains(CLUSTER_NAME);
        assertThat(submit.stderr()).doesNotContain("\tat ");
        assertThat(simulator.groupIds()).isEmpty();
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", "cut")).isEmpty();
    }

    // ---- helpers

    /** Every command with the operator's one cluster directory, as the guide sets it up. */
    private Heron.Result run(Heron heron, String... arguments) {
        List<String> withConfig = new ArrayList<>(List.of(arguments));
        withConfig.add("--config-path");
        withConfig.add(home.resolve("heron-conf").toString());
        Heron.Result result = heron.run("bin/heron", withConfig);
        results.add(result);
        return result;
    }

    /** No trace of the topology in Marathon, ZooKeeper, S3 or among the agent's processes. */
    private void assertNothingLeft(String topology) throws Exception {
        assertThat(simulator.groupIds()).as("groups").isEmpty();
        assertThat(simulator.liveTasks()).as("tasks").isZero();
        assertThat(ZooKeeperNodes.named(zooKeeper, "/heron", topology))
                .as("znodes")
                .isEmpty();
        assertThat(s3.keys(PACKAGES)).as("packages").isEmpty();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TestTime.scaled(Duration.ofSeconds(10)))))
                .as("processes")
                .isEmpty();
    }

    /** Neither the token nor the secret key in any command's output or any container's output. */
    private void assertNoSecretShown() throws IOException {
        for (Heron.Result result : results) {
            assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(SECRET_KEY);
        }
        Path agent = home.resolve("mesos-agent");
        if (Files.isDirectory(agent)) {
            try (Stream<Path> files = Files.walk(agent)) {
                for (Path log : files.filter(
                                file -> file.getFileName().toString().matches("stdout|stderr"))
                        .toList()) {
                    assertThat(Files.readString(log))
                            .as(log.toString())
                            .doesNotContain(TOKEN)
                            .doesNotContain(SECRET_KEY);
                }
            }
        }
    }

    /** The data of every znode at or below {@code path}, as text. */
    private List<String> znodeTexts(String path) throws Exception {
        List<String> texts = new ArrayList<>();
        byte[] data = zooKeeper.getData().forPath(path);
        if (data != null) {
            texts.add(new String(data, StandardCharsets.ISO_8859_1));
        }
        for (String child : zooKeeper.getChildren().forPath(path)) {
            texts.addAll(znodeTexts((path.equals("/") ? "" : path) + "/" + child));
        }
        return texts;
    }

    /** A request to Marathon as the DC/OS UI makes it, with the operator's token. */
    private String marathonGet(String path) throws IOException, InterruptedException {
        return marathon("GET", path);
    }

    private void marathonDelete(String path) throws IOException, InterruptedException {
        marathon("DELETE", path);
    }

    private String marathon(String method, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(simulator.uri() + path))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "token=" + TOKEN)
                                .timeout(TestTime.scaled(Duration.ofSeconds(10)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return response.body();
    }

    private int tasksStarted() {
        try (var sandboxes = Files.list(home.resolve("mesos-agent"))) {
            return (int) sandboxes.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String awaitStatus(Heron heron, Predicate<String> condition) throws InterruptedException {
        return awaitStatus(heron, "wordcount", condition);
    }

    private String awaitStatus(Heron heron, String topology, Predicate<String> condition) throws InterruptedException {
        String[] last = {""};
        try {
            return TestTime.awaitValue("status to show the expected state", Duration.ofSeconds(60), () -> {
                Heron.Result status = run(heron, "status", CLUSTER, topology);
                last[0] = status.toString();
                return status.exitCode() == 0 && condition.test(status.stdout())
                        ? Optional.of(status.stdout())
                        : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last status:\n" + last[0], e);
        }
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }
}
