package io.egret.adapters.s3;

import io.egret.adapters.s3.internal.S3Clients;
import io.egret.adapters.s3.internal.S3Uploader;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures the S3 uploader against S3Proxy in this JVM: upload throughput of a package of N MiB compared with a
 * plain file copy on the same disk, and the bytes sent on a first and a second submit of the same package (counted
 * on the wire by the relay in front of the server). Run by {@code benchmarks/uploaders.sh}; not a test.
 */
public final class UploadBenchmark {
    private UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path directory = Files.createTempDirectory("egret-s3-benchmark");
        Path file = randomFile(directory.resolve("topology.tar.gz"), megabytes);
        TopologyPackage topologyPackage =
                new TopologyPackage(TopologyName.of("bench"), file, sha256(file), Files.size(file));
        double copySeconds = timeCopy(file, directory.resolve("copy.tar.gz"));
        try (TestingS3Server server = new TestingS3Server();
                S3Client admin = server.adminClient()) {
            admin.createBucket(request -> request.bucket("bench"));
            S3AdapterConfig config = S3AdapterConfig.fromConfig(server.config("bench"), true);
            S3Uploader uploader = new S3Uploader(S3Clients.build(config), config, ProgressPort.silent());
            ClusterTarget target = new ClusterTarget("bench", "bench", "default");

            long before = server.bytesReceived();
            long start = System.nanoTime();
            UploadedPackage first = uploader.upload(target, topologyPackage);
            double uploadSeconds = (System.nanoTime() - start) / 1e9;
            long firstBytes = server.bytesReceived() - before;
            start = System.nanoTime();
            UploadedPackage second = uploader.upload(target, topologyPackage);
            double secondSeconds = (System.nanoTime() - start) / 1e9;
            long secondBytes = server.bytesReceived() - before - firstBytes;

            System.out.printf(
                    Locale.ROOT,
                    "s3 package_bytes=%d first_submit_bytes_sent=%d (created=%s) second_submit_bytes_sent=%d"
                            + " (created=%s, %.3f s)%n",
                    topologyPackage.size(),
                    firstBytes,
                    first.created(),
                    secondBytes,
                    second.created(),
                    secondSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "s3 upload %d MiB: %.2f s = %.1f MiB/s (multipart, %d MiB parts); plain file copy: %.2f s = %.1f"
                            + " MiB/s%n",
                    megabytes,
                    uploadSeconds,
                    megabytes / uploadSeconds,
                    config.partSize() / (1024 * 1024),
                    copySeconds,
                    megabytes / copySeconds);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory.resolve("copy.tar.gz"));
            Files.deleteIfExists(directory);
        }
    }

    /** Random (incompressible) content, like a compressed package. */
    static Path randomFile(Path file, int megabytes) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream output = Files.newOutputStream(file)) {
            for (int index = 0; index < megabytes; index++) {
                random.nextBytes(block);
                output.write(block);
            }
        }
        return file;
    }

    static double timeCopy(Path source, Path target) throws IOException {
        long start = System.nanoTime();
        Files.copy(source, target);
        try (var channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream input = new DigestInputStream(Files.newInputStream(file), digest)) {
            input.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
