package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local cluster's lifecycle with the topology package on S3 (S3Proxy in this JVM) and on HDFS (a
 * MiniDFSCluster in this JVM), through the real {@code bin/heron} on the module path. With S3 the core package is
 * fetched by URI too ({@code heron.package.core.uri=s3://…}); the sandbox's executors start from what was
 * downloaded.
 */
final class RemoteStorageLifecycleTest {
    private static final Pattern EXECUTED =
            Pattern.compile("count\\s+instances=\\d+\\s+emitted=\\d+\\s+executed=(\\d+)");
    private static final String ACCESS_KEY = "e2e-access";
    private static final String SECRET_KEY = "e2e-secret-never-printed";
    private static final String BUCKET = "heron";

    @TempDir
    java.nio.file.Path home;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Processes.killAllUnder(home);
        for (int index = servers.size() - 1; index >= 0; index--) {
            servers.get(index).close();
        }
    }

    @Test
    void s3UploaderAndS3CorePackage() throws Exception {
        S3ProxyJunitCore s3 = new S3ProxyJunitCore.Builder()
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders()
                .build();
        s3.beforeEach();
        servers.add(s3::afterEach);
        S3Client admin = S3Client.builder()
                .endpointOverride(s3.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        servers.add(admin);
        admin.createBucket(request -> request.bucket(BUCKET));
        admin.putObject(
                request -> request.bucket(BUCKET).key("releases/heron-core.tar.gz"),
                RequestBody.fromFile(Heron.distribution().resolve("dist/heron-core.tar.gz")));
        List<String> storage = List.of(
                "--config-property", "heron.class.uploader=org.apache.heron.uploader.s3.S3Uploader",
                "--config-property", "heron.uploader.s3.bucket=" + BUCKET,
                "--config-property", "heron.uploader.s3.path_prefix=topologies/${CLUSTER}",
                "--config-property", "heron.uploader.s3.uri=" + s3.getUri(),
                "--config-property", "heron.uploader.s3.region=us-east-1",
                "--config-property", "heron.uploader.s3.access_key=" + ACCESS_KEY,
                "--config-property", "heron.uploader.s3.secret_key=" + SECRET_KEY,
                "--config-property", "heron.package.use_core_uri=true",
                "--config-property", "heron.package.core.uri=s3://" + BUCKET + "/releases/heron-core.tar.gz");
        Heron heron = new Heron(home);

        Heron.Result submit = submit(heron, "s3topo", storage);

        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(submit.stderr()).contains("upload package advanced: sent").doesNotContain(SECRET_KEY);
        List<String> packages = objectKeys(admin, "topologies/");
        assertThat(packages).singleElement().asString().matches("topologies/local/s3topo/[0-9a-f]{64}/topology.tar.gz");
        assertThat(home.resolve(".herondata/topologies/local/" + System.getProperty("user.name")
                        + "/s3topo/heron-core/bin/heron-executor"))
                .as("core package fetched from S3 into the sandbox")
                .isExecutable();
        List<String> replace = new ArrayList<>(storage);
        replace.add("--replace");
        Heron.Result again = submit(heron, "s3topo", replace);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stderr())
                .contains("already stored at s3://" + BUCKET + "/" + packages.get(0) + "; 0 bytes sent");
        assertThat(objectKeys(admin, "topologies/")).isEqualTo(packages);
        runLifecycle(heron, "s3topo", storage);
        assertThat(objectKeys(admin, "topologies/"))
                .as("kill removes the topology's packages")
                .isEmpty();

        List<String> missingCore = new ArrayList<>(storage);
        missingCore.set(missingCore.size() - 1, "heron.package.core.uri=s3://" + BUCKET + "/releases/none.tar.gz");
        Heron.Result failed = submit(heron, "s3topo", missingCore);

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(3);
        assertThat(failed.stderr())
                .contains("cannot fetch s3://" + BUCKET + "/releases/none.tar.gz")
                .contains("NoSuchKey")
                .doesNotContain(SECRET_KEY);
        assertThat(objectKeys(admin, "topologies/"))
                .as("the failed submit took back the package it stored")
                .isEmpty();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void hdfsUploader() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR, home.resolve("hdfs").toString());
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        servers.add(() -> cluster.shutdown(true));
        cluster.waitActive();
        String nameNode = "hdfs://localhost:" + cluster.getNameNodePort();
        List<String> storage = List.of(
                "--config-property",
                "heron.class.uploader=com.twitter.heron.uploader.hdfs.HdfsUploader",
                "--config-property",
                "heron.uploader.hdfs.topologies.directory.uri=" + nameNode
                        + "/heron/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}");
        Heron heron = new Heron(home);

        Heron.Result submit = submit(heron, "hdfstopo", storage);

        assertThat(submit.exitCode()).as(submit.toString()).isZero();
        assertThat(submit.stderr()).contains("upload package advanced: sent");
        Path directory =
                new Path(nameNode + "/heron/topologies/local/" + System.getProperty("user.name") + "/hdfstopo");
        FileStatus[] stored = cluster.getFileSystem().listStatus(directory);
        assertThat(stored).hasSize(1);
        Path stored0 = new Path(stored[0].getPath(), "topology.tar.gz");
        long written = cluster.getFileSystem().getFileStatus(stored0).getModificationTime();
        List<String> replace = new ArrayList<>(storage);
        replace.add("--replace");
        Heron.Result again = submit(heron, "hdfstopo", replace);

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stderr()).contains("0 bytes sent");
        assertThat(cluster.getFileSystem().getFileStatus(stored0).getModificationTime())
                .as("the unchanged package was not written again")
                .isEqualTo(written);
        runLifecycle(heron, "hdfstopo", storage);
        assertThat(cluster.getFileSystem().exists(directory))
                .as("kill removes the topology's packages")
                .isFalse();

        cluster.shutdownNameNode(0);
        Heron.Result unreachable = submit(heron, "hdfstopo", storage);

        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(unreachable.stderr())
                .contains("cannot upload the topology package to " + nameNode)
                .contains("is unreachable");
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    private static Heron.Result submit(Heron heron, String name, List<String> storage) {
        List<String> arguments = new ArrayList<>(List.of(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                name,
                "--wait-until",
                "RUNNING",
                "--timeout",
                "90",
                // Progress lines (the upload's "sent ... to ...") are printed without a terminal only when asked.
                "--verbose"));
        arguments.addAll(storage);
        return heron.run("bin/heron", arguments);
    }

    /** Every command gets the submit's storage keys, as it would from the cluster's uploader.yaml. */
    private static void runLifecycle(Heron heron, String name, List<String> storage) {
        awaitStatus(heron, name, text -> executed(text) > 0);
        Heron.Result deactivate = run(heron, storage, "deactivate", "local", name);
        assertThat(deactivate.exitCode()).as(deactivate.toString()).isZero();
        Heron.Result activate = run(heron, storage, "activate", "local", name);
        assertThat(activate.exitCode()).as(activate.toString()).isZero();
        Heron.Result restart = run(heron, storage, "restart", "local", name, "1");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        awaitStatus(heron, name, text -> text.contains("1    RUNNING") && executed(text) > 0);
        Heron.Result kill = run(heron, storage, "kill", "local", name);
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.under(heron.home())))
                .as("processes left after kill")
                .isEmpty();
    }

    private static Heron.Result run(Heron heron, List<String> storage, String... command) {
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.addAll(storage);
        return heron.run("bin/heron", arguments);
    }

    private static String awaitStatus(Heron heron, String topology, Predicate<String> condition) {
        Instant deadline = Instant.now().plus(TestTimeouts.scaled(Duration.ofSeconds(60)));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Heron.Result status = heron.run("status", "local", topology);
            last = status.toString();
            if (status.exitCode() == 0 && condition.test(status.stdout())) {
                return status.stdout();
            }
            Processes.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("status never showed the expected state:\n" + last);
    }

    private static long executed(String status) {
        Matcher matcher = EXECUTED.matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static List<String> objectKeys(S3Client admin, String prefix) {
        return admin.listObjectsV2(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }
}
