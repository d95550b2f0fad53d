package io.egret.adapters.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.hdfs.internal.HadoopClients;
import io.egret.adapters.hdfs.internal.HdfsPackageFetcher;
import io.egret.adapters.hdfs.internal.HdfsUploader;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HdfsUploaderIntegrationTest {
    private static final ClusterTarget TARGET = new ClusterTarget("hadoop", "ops", "prod");
    private static final int BLOCK_SIZE = 1024 * 1024;

    @TempDir
    static java.nio.file.Path directory;

    private static MiniDFSCluster cluster;
    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("hdfs").toString());
        configuration.setLong("dfs.blocksize", BLOCK_SIZE);
        cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        cluster.waitActive();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void anUnchangedPackageIsNotSentAgainAndTokensAreFilledIn() throws IOException {
        TopologyPackage topologyPackage = randomPackage("word-count", 300_000);
        HdfsUploader uploader = uploader(events::add);

        long before = bytesWrittenToDataNodes();
        UploadedPackage first = uploader.upload(TARGET, topologyPackage);
        long firstBytes = bytesWrittenToDataNodes() - before;
        UploadedPackage second = uploader.upload(TARGET, topologyPackage);
        long secondBytes = bytesWrittenToDataNodes() - before - firstBytes;

        assertThat(first.created()).isTrue();
        assertThat(first.uri().toString())
                .isEqualTo(
                        nameNode() + "/heron/hadoop/ops/word-count/" + topologyPackage.sha256() + "/topology.tar.gz");
        assertThat(firstBytes).isEqualTo(topologyPackage.size());
        assertThat(second.created()).isFalse();
        assertThat(second.uri()).isEqualTo(first.uri());
        assertThat(secondBytes).isZero();
        assertThat(events).extracting(ProgressEvent::detail).last().asString().contains("0 bytes sent");
        assertThat(fetch(first.uri())).hasSameBinaryContentAs(topologyPackage.file());
    }

    @Test
    void aKillFindsAndRemovesEveryPackageOfTheTopologyEvenInTheGuidesSharedDirectory() throws IOException {
        // The Aurora guide's directory names no topology: each topology still gets a directory of its own in it.
        HdfsAdapterConfig shared = new HdfsAdapterConfig(
                nameNode() + "/guide/topologies/${CLUSTER}", java.util.Optional.empty(), Map.of());
        HdfsUploader uploader = new HdfsUploader(shared, HadoopClients.configuration(shared), events::add);
        UploadedPackage first = uploader.upload(TARGET, randomPackage("word-count", 2_000));
        UploadedPackage second = uploader.upload(TARGET, randomPackage("word-count", 3_000));
        UploadedPackage neighbour = uploader.upload(TARGET, randomPackage("word-count-2", 1_000));
        TopologyName name = TopologyName.of("word-count");

        assertThat(new Path(first.uri()).getParent().getParent())
                .isEqualTo(new Path(nameNode() + "/guide/topologies/hadoop/word-count"));
        assertThat(uploader.storedPackages(TARGET, name)).containsExactlyInAnyOrder(first.uri(), second.uri());

        uploader.removePackages(TARGET, name);

        assertThat(uploader.storedPackages(TARGET, name)).isEmpty();
        assertThat(fileSystem().exists(new Path(nameNode() + "/guide/topologies/hadoop/word-count")))
                .isFalse();
        assertThat(fileSystem().exists(new Path(neighbour.uri()))).isTrue();
        uploader.removePackages(TARGET, name);
    }

    @Test
    void listFindsTheTopologiesWithPackagesOfTheClusterForAnyRoleOrOne() throws IOException {
        HdfsAdapterConfig listing = new HdfsAdapterConfig(
                nameNode() + "/listing/${CLUSTER}/${ROLE}/${TOPOLOGY}", java.util.Optional.empty(), Map.of());
        HdfsUploader uploader = new HdfsUploader(listing, HadoopClients.configuration(listing), events::add);
        uploader.upload(TARGET, randomPackage("word-count", 1_000));
        uploader.upload(new ClusterTarget("hadoop", "ads", "prod"), randomPackage("clicks", 1_000));
        uploader.upload(new ClusterTarget("yarn", "ops", "prod"), randomPackage("elsewhere", 1_000));
        try (var notes = fileSystem().create(new Path(nameNode() + "/listing/hadoop/ops/notes/readme.txt"))) {
            notes.writeBytes("not a package");
        }

        assertThat(uploader.topologiesWithPackages("hadoop", java.util.Optional.empty(), java.util.Optional.empty()))
                .containsExactly(TopologyName.of("clicks"), TopologyName.of("word-count"));
        assertThat(uploader.topologiesWithPackages("hadoop", java.util.Optional.of("ops"), java.util.Optional.empty()))
                .containsExactly(TopologyName.of("word-count"));
        assertThat(uploader.topologiesWithPackages("mesos", java.util.Optional.empty(), java.util.Optional.empty()))
                .isEmpty();

        uploader.removePackages(TARGET, TopologyName.of("word-count"));

        assertThat(uploader.topologiesWithPackages("hadoop", java.util.Optional.empty(), java.util.Optional.empty()))
                .containsExactly(TopologyName.of("clicks"));
    }

    @Test
    void undoRemovesOnlyWhatThisUploadStored() throws IOException {
        TopologyPackage topologyPackage = randomPackage("shared", 10_000);
        HdfsUploader uploader = uploader(events::add);
        UploadedPackage first = uploader.upload(TARGET, topologyPackage);
        UploadedPackage second = uploader.upload(TARGET, topologyPackage);

        uploader.undo(second);
        assertThat(fileSystem().exists(new Path(first.uri()))).isTrue();

        uploader.undo(first);
        assertThat(fileSystem().exists(new Path(first.uri()).getParent())).isFalse();
    }

    @Test
    void safeModeIsNamedWithAHint() throws IOException {
        TopologyPackage topologyPackage = randomPackage("safe", 1_000);
        DistributedFileSystem fileSystem = cluster.getFileSystem();
        fileSystem.setSafeMode(SafeModeAction.ENTER);
        try {
            assertThatThrownBy(() -> uploader(events::add).upload(TARGET, topologyPackage))
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                    .hasMessageContaining("cannot upload the topology package to " + nameNode() + "/heron/")
                    .hasMessageContaining("is in safe mode")
                    .hasMessageContaining("hdfs dfsadmin -safemode get");
        } finally {
            fileSystem.setSafeMode(SafeModeAction.LEAVE);
        }
    }

    @Test
    void anUnreachableNameNodeIsNamedWithAHint() throws IOException {
        TopologyPackage topologyPackage = randomPackage("nowhere", 1_000);
        HdfsAdapterConfig config =
                new HdfsAdapterConfig("hdfs://127.0.0.1:1/heron/${TOPOLOGY}", java.util.Optional.empty(), Map.of());
        HdfsUploader uploader = new HdfsUploader(config, HadoopClients.configuration(config), events::add);

        assertThatThrownBy(() -> uploader.upload(TARGET, topologyPackage))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("the NameNode hdfs://127.0.0.1:1 is unreachable")
                .hasMessageContaining("is HDFS running");
    }

    @Test
    void aNameNodeStoppedMidUploadLeavesNothingAndTheNextUploadSucceeds() throws Exception {
        TopologyPackage topologyPackage = randomPackage("interrupted", 6 * BLOCK_SIZE + 4_321);
        String nameNode = nameNode();
        AtomicBoolean stopped = new AtomicBoolean();
        ProgressPort stopOnFirstProgress = event -> {
            if (event.detail().contains("%") && stopped.compareAndSet(false, true)) {
                cluster.shutdownNameNode(0);
            }
        };
        HdfsUploader interrupted = uploader(stopOnFirstProgress);
        URI expected;
        try {
            assertThatThrownBy(() -> interrupted.upload(TARGET, topologyPackage))
                    .isInstanceOfSatisfying(
                            EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                    .hasMessageContaining("cannot upload the topology package to " + nameNode);
            assertThat(stopped).isTrue();
        } finally {
            cluster.restartNameNode(0);
            cluster.waitActive();
        }
        expected = URI.create(
                nameNode() + "/heron/hadoop/ops/interrupted/" + topologyPackage.sha256() + "/topology.tar.gz");
        assertThat(fileSystem().exists(new Path(expected))).isFalse();

        UploadedPackage retried = uploader(events::add).upload(TARGET, topologyPackage);

        assertThat(retried.uri()).isEqualTo(expected);
        assertThat(retried.created()).isTrue();
        FileStatus[] contents = fileSystem().listStatus(new Path(expected).getParent());
        assertThat(Arrays.stream(contents).map(status -> status.getPath().getName()))
                .containsExactly("topology.tar.gz");
        assertThat(fetch(retried.uri())).hasSameBinaryContentAs(topologyPackage.file());
    }

    @Test
    void fetchingAMissingFileIsNotFound() {
        HdfsPackageFetcher fetcher = new HdfsPackageFetcher(HadoopClients.configuration(config()));
        java.nio.file.Path target = directory.resolve("missing");

        assertThatThrownBy(() -> fetcher.fetch(URI.create(nameNode() + "/none/topology.tar.gz"), target))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(target).doesNotExist();
    }

    private HdfsAdapterConfig config() {
        return new HdfsAdapterConfig(
                nameNode() + "/heron/${CLUSTER}/${ROLE}/${TOPOLOGY}", java.util.Optional.empty(), Map.of());
    }

    private HdfsUploader uploader(ProgressPort progress) {
        HdfsAdapterConfig config = config();
        return new HdfsUploader(config, HadoopClients.configuration(config), progress);
    }

    private java.nio.file.Path fetch(URI uri) {
        java.nio.file.Path target = directory.resolve("fetched-" + System.nanoTime());
        new HdfsPackageFetcher(HadoopClients.configuration(config())).fetch(uri, target);
        return target;
    }

    private static String nameNode() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    private static FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** What Hadoop's client counted as written to HDFS (sent to DataNodes), over every file system instance. */
    private static long bytesWrittenToDataNodes() {
        return FileSystem.getAllStatistics().stream()
                .filter(statistics -> statistics.getScheme().equals("hdfs"))
                .mapToLong(FileSystem.Statistics::getBytesWritten)
                .sum();
    }

    private static TopologyPackage randomPackage(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        java.nio.file.Path file = Files.write(directory.resolve(name + "-" + size + ".tar.gz"), content);
        return new TopologyPackage(TopologyName.of(name), file, sha256(content), size);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
