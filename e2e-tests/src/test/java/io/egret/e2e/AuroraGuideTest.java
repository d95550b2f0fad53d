package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heron's 0.20 Aurora guide ("Aurora Cluster"), step by step, with a copied install's real {@code bin/heron} on the
 * module path: state in a real ZooKeeper (Curator {@code TestingServer}) through {@code CuratorStateManager}, the
 * core package hosted in and the topology package uploaded to a real HDFS ({@code MiniDFSCluster}) through
 * {@code HdfsUploader}, and Aurora played by the {@code aurora} client simulator, whose agent runs each container:
 * it fetches both packages from HDFS with {@code heron-downloader} and the executor reads and writes its state in
 * ZooKeeper. Every file the guide names is edited as the guide says, in the install's {@code conf/aurora/}. After
 * kill nothing of the topology is left in ZooKeeper nor in HDFS.
 */
final class AuroraGuideTest {
    private static final String TARGET = "aurora/www-data/devel";
    private static final String KEY = TARGET + "/wordcount";
    private static final String LINK_TEMPLATE =
            "http://aurora.example.com:8081/scheduler/${ROLE}/${ENVIRON}/${TOPOLOGY}";
    private static final String JOB_LINK = "http://aurora.example.com:8081/scheduler/www-data/devel/wordcount";
    private static final Pattern EMITTED = Pattern.compile("sentence\\s+instances=\\d+\\s+emitted=(\\d+)");
    private static final Pattern EXECUTED =
            Pattern.compile("count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)");

    @TempDir
    Path home;

    private TestingServer zooKeeperServer;
    private CuratorFramework zooKeeper;
    private MiniDFSCluster hdfs;
    private FileSystem hdfsClient;
    private String nameNode;
    private Path install;
    private Heron heron;

    @BeforeEach
    void startZooKeeperAndHdfs() throws Exception {
        zooKeeperServer = new TestingServer(true);
        zooKeeper = CuratorFrameworkFactory.newClient(zooKeeperServer.getConnectString(), new RetryNTimes(20, 500));
        zooKeeper.start();
        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR, home.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        hdfs.waitActive();
        hdfsClient = hdfs.getFileSystem();
        nameNode = "hdfs://localhost:" + hdfs.getNameNodePort();
        install = Installs.copyTo(home.resolve("egret"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        Processes.killAllUnder(home);
        if (hdfs != null) {
            hdfs.shutdown(true);
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        if (zooKeeperServer != null) {
            zooKeeperServer.close();
        }
    }

    @Test
    void theGuideRunsWithStateInZooKeeperAndPackagesInHdfs() throws Exception {
        // "Hosting Binaries": the core package where Aurora's agents can fetch it, here HDFS; then "run tests to
        // ensure that Aurora can successfully fetch them".
        String coreUri = nameNode + "/heron/dist/heron-core.tar.gz";
        hdfsClient.copyFromLocalFile(
                new org.apache.hadoop.fs.Path(
                        install.resolve("dist/heron-core.tar.gz").toString()),
                new org.apache.hadoop.fs.Path(coreUri));
        Path fetchCheck = home.resolve("fetch-check");
        Heron.Result fetched = heron().run("bin/heron-downloader", List.of(coreUri, fetchCheck.toString()));
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(fetchCheck.resolve("heron-core/bin/heron-executor")).isExecutable();

        followTheGuide(coreUri);
        heron = heron();
        // Beyond the guide: Heron's job link key, so that submit and status show where the job is in Aurora's UI.
        Heron.Result link = heron.run("config", "aurora", "set", "heron.scheduler.job.link.template", LINK_TEMPLATE);
        assertThat(link.exitCode()).as(link.toString()).isZero();

        long submitStarted = System.nanoTime();
        Heron.Result submit = heron.run(
                "submit",
                TARGET,
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                Long.toString(TestTime.scaledSeconds(90)));
        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        report("submit --wait-until RUNNING", submitStarted);
        assertThat(submit.stdout())
                .contains("Job link: " + JOB_LINK + "\n")
                .endsWith("Successfully launched topology 'wordcount'\n");

        // The uploader stored the package in HDFS, the job was bound to it, and state is in ZooKeeper.
        List<String> packages = hdfsFiles("/heron/topologies");
        assertThat(packages)
                .singleElement()
                .asString()
                .matches(".*/heron/topologies/aurora/wordcount/[0-9a-f]{64}/topology.tar.gz");
        String create = calls().stream()
                .filter(call -> call.contains("\"create\""))
                .findFirst()
                .orElseThrow();
        assertThat(create)
                .contains("\"CORE_PACKAGE_URI=" + coreUri + "\"")
                .contains("\"TOPOLOGY_PACKAGE_URI=" + nameNode + "/heron/topologies/aurora/")
                .contains("--state-connection=" + zooKeeperServer.getConnectString())
                .contains("--state-root=/heron");
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly("wordcount");
        assertThat(zooKeeper.getChildren().forPath("/heron/executionstate")).containsExactly("wordcount");
        assertThat(home.resolve(".herondata")).doesNotExist();

        // The containers: both packages came from HDFS through heron-downloader, and the topology master they
        // started recorded itself in ZooKeeper (an ephemeral znode of its own session).
        String status = awaitStatus(text -> executed(text) > 0 && text.contains("1    RUNNING"));
        assertThat(status)
                .contains("State:      RUNNING")
                .contains("Job link:   " + JOB_LINK + "\n")
                .contains("0    RUNNING")
                .contains("  registered");
        assertThat(zooKeeper.checkExists().forPath("/heron/tmanagers/wordcount").getEphemeralOwner())
                .isNotZero();
        List<Path> sandboxes = sandboxesWith("heron_executor");
        assertThat(sandboxes).hasSizeGreaterThanOrEqualTo(2);
        for (Path sandbox : sandboxes) {
            assertThat(processLog(sandbox, "fetch_heron_core")).contains("fetched " + coreUri);
            assertThat(processLog(sandbox, "fetch_topology_package")).contains("fetched " + nameNode + "/heron/");
            assertThat(sandbox.resolve("heron-core/bin/heron-executor")).isExecutable();
        }

        Heron.Result deactivate = heron.run("deactivate", TARGET, "wordcount");
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        String paused = heron.run("status", TARGET, "wordcount").stdout();
        assertThat(paused).contains("State:      PAUSED");
        Heron.Result activate = heron.run("activate", TARGET, "wordcount");
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        long emittedPaused = emitted(paused);
        awaitStatus(text -> text.contains("State:      RUNNING") && emitted(text) > emittedPaused);

        Heron.Result restartOne = heron.run("restart", TARGET, "wordcount", "1");
        assertThat(restartOne.exitCode()).as(restartOne.toString()).isZero();
        awaitStatus(text -> text.contains("1    RUNNING") && text.contains("  registered"));
        Heron.Result restartAll = heron.run("restart", TARGET, "wordcount");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        awaitStatus(text -> text.contains("  registered") && executed(text) > 0);

        Heron.Result update = heron.run("update", TARGET, "wordcount", "--container-number", "2");
        assertThat(update.exitCode()).as(update.toString()).isZero();
        assertThat(awaitStatus(text -> text.contains("2    RUNNING") && !text.contains("not registered")))
                .contains("1    RUNNING");
        assertThat(calls())
                .contains("[\"aurora\", \"job\", \"add\", \"--wait-until\", \"RUNNING\", \"" + KEY
                        + "/0\", \"1\", \"--verbose\"]");

        dryRunsShowTheClientCommandsAndChangeNothing();

        long killStarted = System.nanoTime();
        Heron.Result kill = heron.run("kill", TARGET, "wordcount");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        report("kill", killStarted);
        calls().forEach(call -> System.out.println("AuroraGuideTest aurora call: " + call));
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TestTime.scaled(Duration.ofSeconds(10)))))
                .as("processes left after kill")
                .isEmpty();
        assertThat(znodesNamed("/heron", "wordcount"))
                .as("znodes of the topology")
                .isEmpty();
        // Unlike Heron's HdfsUploader, kill removes the topology's packages.
        assertThat(hdfsFiles("/heron/topologies"))
                .as("the topology's package in HDFS")
                .isEmpty();
        assertThat(hdfsFiles("/heron/dist"))
                .as("the operator's core package stays")
                .containsExactly(coreUri);
        assertThat(calls())
                .contains("[\"aurora\", \"job\", \"killall\", \"" + KEY + "\", \"--batch-size\", \"2147483647\"]");
    }

    /**
     * Kill, restart and update with {@code --dry-run} print the exact {@code aurora} commands they would run, with
     * no Aurora client on the PATH (only the state store is read), and change nothing.
     */
    private void dryRunsShowTheClientCommandsAndChangeNothing() throws Exception {
        Heron noClient = new Heron(home, install)
                .withEnvironment(
                        Map.of("AURORA_SIM_HOME", home.resolve("aurora-sim").toString()));
        String statusBefore = heron.run("status", TARGET, "wordcount").stdout();
        int callsBefore = calls().size();

        Heron.Result kill = noClient.run("kill", TARGET, "wordcount", "--dry-run");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.stdout())
                .contains("Dry run: would kill topology 'wordcount'")
                .contains("Would run: aurora job killall " + KEY + " --batch-size 2147483647\n")
                .doesNotContain("Successfully");
        Heron.Result restart = noClient.run("restart", TARGET, "wordcount", "1", "--dry-run");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.stdout()).contains("Would run: aurora job restart " + KEY + "/1 --batch-size 2147483647\n");
        Heron.Result restartAll = noClient.run("restart", TARGET, "wordcount", "--dry-run");
        assertThat(restartAll.exitCode()).as(restartAll.toString()).isZero();
        assertThat(restartAll.stdout()).contains("Would run: aurora job restart " + KEY + " --batch-size 2147483647\n");
        Heron.Result up = noClient.run("update", TARGET, "wordcount", "--container-number", "3", "--dry-run");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.stdout()).contains("Would run: aurora job add --wait-until RUNNING " + KEY + "/0 1 --verbose\n");
        Heron.Result down = noClient.run("update", TARGET, "wordcount", "--container-number", "1", "--dry-run");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.stdout()).contains("Would run: aurora job kill " + KEY + "/2 --batch-size 2147483647\n");

        assertThat(calls()).as("aurora client calls").hasSize(callsBefore);
        assertThat(zooKeeper.getChildren().forPath("/heron/topologies")).containsExactly("wordcount");
        assertThat(hdfsFiles("/heron/topologies")).hasSize(1);
        String statusAfter = heron.run("status", TARGET, "wordcount").stdout();
        assertThat(containerLines(statusAfter)).isEqualTo(containerLines(statusBefore));
    }

    /** The end of every sandbox's executor output, to tell why a container did not come up. */
    private String executorLogTails() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> sandboxes = Files.list(home.resolve("aurora-sim/sandboxes"))) {
            for (Path sandbox : sandboxes.sorted().toList()) {
                Path stderr = sandbox.resolve(".logs/heron_executor/0/stderr");
                if (Files.isRegularFile(stderr)) {
                    List<String> lines = Files.readAllLines(stderr);
                    text.append("\n--- ").append(sandbox.getFileName()).append(" executor stderr (end)\n");
                    lines.subList(Math.max(0, lines.size() - 12), lines.size())
                            .forEach(line -> text.append(line).append('\n'));
                }
            }
        } catch (IOException e) {
            text.append("\n(sandbox logs unreadable: ").append(e).append(')');
        }
        return text.toString();
    }

    /** A wall time for the report (the machine's load decides it: never asserted). */
    private static void report(String what, long startedNanos) {
        System.out.printf(
                "AuroraGuideTest wall time of %s: %d ms%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /** Each container's id and phase, as status shows them. */
    private static List<String> containerLines(String status) {
        return status.lines()
                .filter(line -> line.matches("\\s+\\d+\\s+[A-Z]+\\s+restarts=.*"))
                .map(line ->
                        String.join(" ", List.of(line.strip().split("\\s+")).subList(0, 2)))
                .toList();
    }

    /**
     * The guide's edits: {@code scheduler.yaml} with its example's keys (Heron's class names, the core package's
     * location, Java in the containers, not a service), {@code uploader.yaml} with {@code HdfsUploader} as its HDFS
     * uploader page says, and {@code statemgr.yaml} with {@code CuratorStateManager} as its ZooKeeper page says.
     * The stock {@code heron.aurora} already fetches HDFS URIs with {@code heron-downloader}.
     */
    private void followTheGuide(String coreUri) throws IOException {
        Path conf = install.resolve("conf/aurora");
        Path hadoopConf = home.resolve("hadoop-conf");
        Files.createDirectories(hadoopConf);
        Files.writeString(
                hadoopConf.resolve("core-site.xml"),
                String.join(
                        "\n",
                        "<?xml version=\"1.0\"?>",
                        "<configuration>",
                        "  <property><name>fs.defaultFS</name><value>" + nameNode + "</value></property>",
                        "</configuration>",
                        ""));
        List<String> guideKeys = List.of(
                "heron.class.scheduler",
                "heron.class.launcher",
                "heron.package.core.uri",
                "heron.directory.sandbox.java.home",
                "heron.scheduler.is.service");
        List<String> scheduler = new ArrayList<>(List.of(
                "# scheduler class for distributing the topology for execution",
                "heron.class.scheduler: org.apache.heron.scheduler.aurora.AuroraScheduler",
                "",
                "# launcher class for submitting and launching the topology",
                "heron.class.launcher: org.apache.heron.scheduler.aurora.AuroraLauncher",
                "",
                "# location of the core package",
                "heron.package.core.uri: " + coreUri,
                "",
                "# location of java - pick it up from shell environment",
                "heron.directory.sandbox.java.home: " + System.getProperty("java.home"),
                "",
                "# Invoke the IScheduler as a library directly",
                "heron.scheduler.is.service: False",
                ""));
        // The rest of the stock file (kill attempts, tunnel keys) stays as shipped.
        for (String line : Files.readAllLines(conf.resolve("scheduler.yaml"))) {
            if (guideKeys.stream().noneMatch(key -> line.startsWith(key + ":"))) {
                scheduler.add(line);
            }
        }
        Files.write(conf.resolve("scheduler.yaml"), scheduler);
        Files.write(
                conf.resolve("uploader.yaml"),
                List.of(
                        "heron.class.uploader: org.apache.heron.uploader.hdfs.HdfsUploader",
                        "heron.uploader.hdfs.config.directory: " + hadoopConf,
                        "heron.uploader.hdfs.topologies.directory.uri: " + nameNode + "/heron/topologies/${CLUSTER}"));
        Files.write(
                conf.resolve("statemgr.yaml"),
                List.of(
                        "heron.class.state.manager: org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager",
                        "heron.statemgr.connection.string: " + zooKeeperServer.getConnectString(),
                        "heron.statemgr.root.path: /heron",
                        "heron.statemgr.zookeeper.is.initialize.tree: true",
                        "heron.statemgr.zookeeper.session.timeout.ms: 30000",
                        "heron.statemgr.zookeeper.connection.timeout.ms: 30000",
                        "heron.statemgr.zookeeper.retry.count: 10",
                        "heron.statemgr.zookeeper.retry.interval.ms: 10000",
                        "heron.statemgr.is.tunnel.needed: false"));
    }

    /** The CLI on this machine, with the Aurora client (the simulator) and Egret's bin/ on the agents' PATH. */
    private Heron heron() {
        return new Heron(home, install)
                .withEnvironment(Map.of(
                        "PATH",
                        AuroraLifecycleTest.SIMULATOR + ":" + install.resolve("bin") + ":" + System.getenv("PATH"),
                        "AURORA_SIM_HOME",
                        home.resolve("aurora-sim").toString()));
    }

    private List<String> calls() {
        try {
            return Files.readAllLines(home.resolve("aurora-sim/calls.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator's sandboxes whose executor process started. */
    private List<Path> sandboxesWith(String process) throws IOException {
        try (Stream<Path> sandboxes = Files.list(home.resolve("aurora-sim/sandboxes"))) {
            return sandboxes
                    .filter(sandbox ->
                            Files.isDirectory(sandbox.resolve(".logs").resolve(process)))
                    .toList();
        }
    }

    private static String processLog(Path sandbox, String process) throws IOException {
        Path logs = sandbox.resolve(".logs").resolve(process).resolve("0");
        return Files.readString(logs.resolve("stdout")) + Files.readString(logs.resolve("stderr"));
    }

    private List<String> hdfsFiles(String directory) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(nameNode + directory);
        List<String> files = new ArrayList<>();
        if (!hdfsClient.exists(path)) {
            return files;
        }
        var iterator = hdfsClient.listFiles(path, true);
        while (iterator.hasNext()) {
            FileStatus file = iterator.next();
            files.add(file.getPath().toString());
        }
        return files;
    }

    private List<String> znodesNamed(String path, String prefix) throws Exception {
        return ZooKeeperNodes.named(zooKeeper, path, prefix);
    }

    private String awaitStatus(Predicate<String> condition) throws InterruptedException {
        String[] last = {""};
        try {
            return TestTime.awaitValue(
                    "status of " + KEY + " showing the expected state", Duration.ofSeconds(90), () -> {
                        Heron.Result status = heron.run("status", TARGET, "wordcount");
                        last[0] = status.toString();
                        return status.exitCode() == 0 && condition.test(status.stdout())
                                ? Optional.of(status.stdout())
                                : Optional.empty();
                    });
        } catch (AssertionError timedOut) {
            throw new AssertionError(
                    timedOut.getMessage() + "; last status:\n" + last[0] + executorLogTails(), timedOut);
        }
    }

    private static long emitted(String status) {
        Matcher matcher = EMITTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long executed(String status) {
        Matcher matcher = EXECUTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
