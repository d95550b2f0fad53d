package io.egret.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Marathon cluster directory of the DC/OS guide under a test's home, pointing at a simulator. */
final class MarathonClusterFiles {
    private MarathonClusterFiles() {}

    /** The local file-system state manager, for the tests that are not about state. */
    private static final String LOCAL_STATE = String.join(
            "\n",
            "heron.class.state.manager: org.apache.heron.statemgr.localfs.LocalFileSystemStateManager",
            "heron.statemgr.connection.string: LOCALMODE",
            "heron.statemgr.root.path: ${HOME}/.herondata/repository/state/${CLUSTER}",
            "heron.statemgr.localfs.is.initialize.file.tree: true",
            "");

    /** The guide's Marathon scheduler.yaml word for word (values filled in), plus the state and uploader files. */
    static void write(Path home, URI marathon, String token) {
        write(home, marathon, token, LOCAL_STATE);
    }

    /**
     * The DC/OS guide's example {@code statemgr.yaml} word for word, with its two placeholders filled in: ZooKeeper
     * at {@code connection} (a name only the cluster resolves) and the SSH tunnel through {@code tunnelHost}.
     */
    static String guideStateManager(String connection, String tunnelHost) {
        return String.join(
                "\n",
                "# local state manager class for managing state in a persistent fashion",
                "heron.class.state.manager: org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager",
                "",
                "# local state manager connection string",
                "heron.statemgr.connection.string:  \"" + connection + "\"",
                "",
                "# path of the root address to store the state in a local file system",
                "heron.statemgr.root.path: \"/heron\"",
                "",
                "# create the zookeeper nodes, if they do not exist",
                "heron.statemgr.zookeeper.is.initialize.tree: True",
                "",
                "# timeout in ms to wait before considering zookeeper session is dead",
                "heron.statemgr.zookeeper.session.timeout.ms: 30000",
                "",
                "# timeout in ms to wait before considering zookeeper connection is dead",
                "heron.statemgr.zookeeper.connection.timeout.ms: 30000",
                "",
                "# timeout in ms to wait before considering zookeeper connection is dead",
                "heron.statemgr.zookeeper.retry.count: 10",
                "",
                "# duration of time to wait until the next retry",
                "heron.statemgr.zookeeper.retry.interval.ms: 10000",
                "",
                "",
                "heron.statemgr.is.tunnel.needed: True",
                "",
                "# The connection timeout in ms when trying to connect to zk server",
                "heron.statemgr.tunnel.connection.timeout.ms:    1000",
                "",
                "# The count of retry to check whether has direct access on zk server",
                "heron.statemgr.tunnel.connection.retry.count:   2",
                "",
                "# The interval in ms between two retry checking whether has direct access on zk server",
                "heron.statemgr.tunnel.retry.interval.ms:        1000",
                "",
                "# The count of retry to verify whether seting up a tunnel process",
                "heron.statemgr.tunnel.verify.count:             10",
                "",
                "# SSH tunnel host",
                "heron.statemgr.tunnel.host:              \"" + tunnelHost + "\"",
                "");
    }

    /** The local file-system uploader, for the tests that are not about storage. */
    private static final String LOCAL_UPLOADER = String.join(
            "\n",
            "heron.class.uploader: org.apache.heron.uploader.localfs.LocalFileSystemUploader",
            "heron.uploader.localfs.file.system.directory:"
                    + " ${HOME}/.herondata/repository/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}",
            "");

    /**
     * The {@code uploader.yaml} the guide asks for: Heron's {@code S3Uploader} with its keys, the operator's static
     * keys, and the endpoint of an S3-compatible store (on AWS the region alone would do).
     */
    static String guideS3Uploader(URI endpoint, String bucket, String accessKey, String secretKey) {
        return String.join(
                "\n",
                "# Topology packages go to S3, where every agent can fetch them",
                "heron.class.uploader: org.apache.heron.uploader.s3.S3Uploader",
                "",
                "# the bucket, and the prefix of every package's key in it",
                "heron.uploader.s3.bucket: " + bucket,
                "heron.uploader.s3.path_prefix: topologies/${CLUSTER}",
                "",
                "# this machine's credentials (agents use their own)",
                "heron.uploader.s3.access_key: " + accessKey,
                "heron.uploader.s3.secret_key: " + secretKey,
                "",
                "heron.uploader.s3.region: us-east-1",
                "heron.uploader.s3.uri: " + endpoint,
                "");
    }

    /** As {@link #write(Path, URI, String)}, with {@code statemgr.yaml} of the given text. */
    static void write(Path home, URI marathon, String token, String stateManager) {
        write(home, marathon, token, stateManager, LOCAL_UPLOADER);
    }

    /**
     * The cluster directory with {@code statemgr.yaml} and {@code uploader.yaml} of the given texts; written again,
     * it replaces every file (an operator's edit, a refreshed token).
     */
    static void write(Path home, URI marathon, String token, String stateManager, String uploader) {
        Path cluster = home.resolve("heron-conf/marathon");
        Path distribution = Heron.distribution();
        try {
            Files.createDirectories(cluster);
            Files.writeString(
                    cluster.resolve("scheduler.yaml"),
                    String.join(
                            "\n",
                            "# scheduler class for distributing the topology for execution",
                            "heron.class.scheduler:                       org.apache.heron.scheduler.marathon.MarathonScheduler",
                            "",
                            "# launcher class for submitting and launching the topology",
                            "heron.class.launcher:                        org.apache.heron.scheduler.marathon.MarathonLauncher",
                            "",
                            "# location of java - pick it up from shell environment",
                            "heron.directory.sandbox.java.home:          $JAVA_HOME",
                            "",
                            "# location of heron - pick it up from shell environment",
                            "heron.directory.home:                       $HERON_HOME",
                            "",
                            "heron.directory.conf:                       \"./heron-conf/\"",
                            "",
                            "# The URI of marathon scheduler",
                            "heron.marathon.scheduler.uri: \"" + marathon + "\"",
                            "",
                            "# The token of the marathon scheduler",
                            "heron.marathon.scheduler.auth.token: \"" + token + "\"",
                            "",
                            "# Invoke the IScheduler as a library directly",
                            "heron.scheduler.is.service:                  False",
                            "",
                            "# docker repo for heron with core packages installed",
                            "heron.executor.docker.image: 'streamlio/heron:latest-ubuntu14.04'",
                            "",
                            "heron.package.core.uri: "
                                    + distribution
                                            .resolve("dist/heron-core.tar.gz")
                                            .toUri(),
                            ""));
            Files.writeString(cluster.resolve("statemgr.yaml"), stateManager);
            Files.writeString(cluster.resolve("uploader.yaml"), uploader);
            Files.writeString(
                    cluster.resolve("client.yaml"),
                    "heron.config.is.role.required: true\nheron.config.is.env.required: true\n");
            Files.copy(
                    distribution.resolve("conf/marathon/packing.yaml"),
                    cluster.resolve("packing.yaml"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
