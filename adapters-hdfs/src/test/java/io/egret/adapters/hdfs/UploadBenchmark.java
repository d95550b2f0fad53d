package io.egret.adapters.hdfs;

import io.egret.adapters.hdfs.internal.HadoopClients;
import io.egret.adapters.hdfs.internal.HdfsUploader;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Measures the HDFS uploader against a MiniDFSCluster (one NameNode, one DataNode) in this JVM: upload throughput
 * of a package of N MiB compared with a plain file copy on the same disk, and the bytes written to HDFS on a first
 * and a second submit of the same package (Hadoop's own client statistics). Run by {@code benchmarks/uploaders.sh};
 * not a test.
 */
public final class UploadBenchmark {
    private UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        java.nio.file.Path directory = Files.createTempDirectory("egret-hdfs-benchmark");
        java.nio.file.Path file = directory.resolve("topology.tar.gz");
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream output = Files.newOutputStream(file)) {
            for (int index = 0; index < megabytes; index++) {
                random.nextBytes(block);
                output.write(block);
            }
        }
        TopologyPackage topologyPackage =
                new TopologyPackage(TopologyName.of("bench"), file, sha256(file), Files.size(file));
        long copyStart = System.nanoTime();
        java.nio.file.Path copy = directory.resolve("copy.tar.gz");
        Files.copy(file, copy);
        try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;

        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("hdfs").toString());
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        try {
            cluster.waitActive();
            HdfsAdapterConfig config = new HdfsAdapterConfig(
                    "hdfs://localhost:" + cluster.getNameNodePort() + "/heron/${TOPOLOGY}", Optional.empty(), Map.of());
            HdfsUploader uploader =
                    new HdfsUploader(config, HadoopClients.configuration(config), ProgressPort.silent());
            ClusterTarget target = new ClusterTarget("bench", "bench", "default");

            long before = written();
            long start = System.nanoTime();
            UploadedPackage first = uploader.upload(target, topologyPackage);
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            long firstBytes = written() - before;
            start = System.nanoTime();
            UploadedPackage second = uploader.upload(target, topologyPackage);
            double secondSeconds = (System.nanoTime() - start) / 1e9;
            long secondBytes = written() - before - firstBytes;

            System.out.printf(
                    Locale.ROOT,
                    "hdfs package_bytes=%d first_submit_bytes_written=%d (created=%s) second_submit_bytes_written=%d"
                            + " (created=%s, %.3f s)%n",
                    topologyPackage.size(),
                    firstBytes,
                    first.created(),
                    secondBytes,
                    second.created(),
                    secondSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "hdfs upload %d MiB: %.2f s = %.1f MiB/s (replication 1); plain file copy: %.2f s = %.1f MiB/s%n",
                    megabytes,
                    uploadSeconds,
                    megabytes / uploadSeconds,
                    copySeconds,
                    megabytes / copySeconds);
        } finally {
            cluster.shutdown(true);
            Files.deleteIfExists(file);
            Files.deleteIfExists(copy);
        }
    }

    private static long written() {
        return FileSystem.getAllStatistics().stream()
                .filter(statistics -> statistics.getScheme().equals("hdfs"))
                .mapToLong(FileSystem.Statistics::getBytesWritten)
                .sum();
    }

    private static String sha256(java.nio.file.Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream input = new DigestInputStream(Files.newInputStream(file), digest)) {
            input.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
