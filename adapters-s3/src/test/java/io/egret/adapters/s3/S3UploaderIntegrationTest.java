package io.egret.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.adapters.s3.internal.S3Clients;
import io.egret.adapters.s3.internal.S3PackageFetcher;
import io.egret.adapters.s3.internal.S3Uploader;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

final class S3UploaderIntegrationTest {
    private static final String BUCKET = "heron-packages";
    private static final ClusterTarget TARGET = new ClusterTarget("aws", "ops", "prod");

    @TempDir
    Path directory;

    private TestingS3Server server;
    private S3Client admin;
    private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestingS3Server();
        admin = server.adminClient();
        admin.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    @Test
    void anUnchangedPackageIsNotSentAgain() throws IOException {
        TopologyPackage topologyPackage = randomPackage("word-count", 300_000);
        S3Uploader uploader = uploader(server.config(BUCKET));

        long before = server.bytesReceived();
        UploadedPackage first = uploader.upload(TARGET, topologyPackage);
        long firstBytes = server.bytesReceived() - before;
        UploadedPackage second = uploader.upload(TARGET, topologyPackage);
        long secondBytes = server.bytesReceived() - before - firstBytes;

        assertThat(first.created()).isTrue();
        assertThat(first.uri())
                .isEqualTo(
                        URI.create("s3://" + BUCKET + "/word-count/" + topologyPackage.sha256() + "/topology.tar.gz"));
        assertThat(second.created()).isFalse();
        assertThat(second.uri()).isEqualTo(first.uri());
        assertThat(firstBytes).isGreaterThan(topologyPackage.size());
        // The second submit asks one HEAD question: its request line and signed headers, no package bytes.
        assertThat(secondBytes).isLessThan(4_096);
        assertThat(events).extracting(ProgressEvent::detail).last().asString().contains("0 bytes sent");
        assertThat(fetch(first.uri())).hasSameBinaryContentAs(topologyPackage.file());
    }

    @Test
    void packagesAboveTheThresholdGoInPartsWithProgress() throws IOException {
        long partSize = S3AdapterConfig.MINIMUM_PART_SIZE;
        TopologyPackage topologyPackage = randomPackage("big", (int) (2 * partSize + 123_456));
        S3AdapterConfig config =
                S3AdapterConfig.fromConfig(server.config(BUCKET), true).withMultipart(partSize, partSize);
        S3Uploader uploader = new S3Uploader(S3Clients.build(config), config, events::add);

        UploadedPackage uploaded = uploader.upload(TARGET, topologyPackage);

        assertThat(uploaded.created()).isTrue();
        assertThat(events)
                .extracting(ProgressEvent::detail)
                .anySatisfy(detail -> assertThat(detail).contains("part 1 of 3"))
                .anySatisfy(detail -> assertThat(detail).contains("(100 %), part 3 of 3"));
        assertThat(events).extracting(ProgressEvent::status).containsOnly(ProgressEvent.Status.ADVANCED);
        assertThat(admin.listMultipartUploads(request -> request.bucket(BUCKET)).uploads())
                .isEmpty();
        assertThat(fetch(uploaded.uri())).hasSameBinaryContentAs(topologyPackage.file());
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() throws IOException {
        // The endpoint's name cannot resolve (RFC 6761's .invalid): only a proxy that is really used reaches S3.
        Map<String, String> keys = new HashMap<>(server.config(BUCKET));
        keys.put(S3AdapterConfig.ENDPOINT, "http://s3.invalid:9000");
        keys.put(S3AdapterConfig.PROXY, server.endpoint().toString());
        TopologyPackage topologyPackage = randomPackage("proxied", 50_000);
        long before = server.bytesReceived();

        UploadedPackage uploaded = uploader(keys).upload(TARGET, topologyPackage);

        assertThat(uploaded.created()).isTrue();
        assertThat(server.bytesReceived() - before).isGreaterThan(topologyPackage.size());
        assertThat(fetch(uploaded.uri())).hasSameBinaryContentAs(topologyPackage.file());

        keys.remove(S3AdapterConfig.PROXY);
        assertThatThrownBy(() -> uploader(keys).upload(TARGET, randomPackage("direct", 1_000)))
                .isInstanceOf(EgretException.class)
                .satisfies(e -> assertThat(((EgretException) e).code()).isEqualTo(ErrorCode.UNREACHABLE));
    }

    @Test
    void aKillFindsAndRemovesEveryPackageOfTheTopologyAndNothingElse() throws IOException {
        S3Uploader uploader = uploader(server.config(BUCKET));
        UploadedPackage first = uploader.upload(TARGET, randomPackage("word-count", 2_000));
        UploadedPackage second = uploader.upload(TARGET, randomPackage("word-count", 3_000));
        UploadedPackage neighbour = uploader.upload(TARGET, randomPackage("word-count-2", 1_000));
        admin.putObject(
                request -> request.bucket(BUCKET).key("word-count/notes.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not a package"));
        TopologyName name = TopologyName.of("word-count");

        assertThat(uploader.storedPackages(TARGET, name)).containsExactlyInAnyOrder(first.uri(), second.uri());

        uploader.removePackages(TARGET, name);

        assertThat(uploader.storedPackages(TARGET, name)).isEmpty();
        assertThat(objectKeys())
                .containsExactlyInAnyOrder(neighbour.uri().getPath().substring(1), "word-count/notes.txt");
        uploader.removePackages(TARGET, name);
    }

    @Test
    void listFindsTheTopologiesWithPackagesOfTheClusterForAnyRoleOrOne() throws IOException {
        Map<String, String> config = new HashMap<>(server.config(BUCKET));
        config.put(S3AdapterConfig.PATH_PREFIX, "heron/${CLUSTER}/${ROLE}");
        S3Uploader uploader = uploader(config);
        uploader.upload(TARGET, randomPackage("word-count", 1_000));
        uploader.upload(new ClusterTarget("aws", "ads", "prod"), randomPackage("clicks", 1_000));
        uploader.upload(new ClusterTarget("gcp", "ops", "prod"), randomPackage("elsewhere", 1_000));
        admin.putObject(
                request -> request.bucket(BUCKET).key("heron/aws/ops/notes/readme.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("not a package"));

        assertThat(uploader.topologiesWithPackages("aws", Optional.empty(), Optional.empty()))
                .containsExactly(TopologyName.of("clicks"), TopologyName.of("word-count"));
        assertThat(uploader.topologiesWithPackages("aws", Optional.of("ops"), Optional.empty()))
                .containsExactly(TopologyName.of("word-count"));
        assertThat(uploader.topologiesWithPackages("azure", Optional.empty(), Optional.empty()))
                .isEmpty();

        uploader.removePackages(TARGET, TopologyName.of("word-count"));

        assertThat(uploader.topologiesWithPackages("aws", Optional.empty(), Optional.empty()))
                .containsExactly(TopologyName.of("clicks"));
    }

    @Test
    void undoRemovesOnlyWhatThisUploadStored() throws IOException {
        TopologyPackage topologyPackage = randomPackage("shared", 10_000);
        S3Uploader uploader = uploader(server.config(BUCKET));
        UploadedPackage first = uploader.upload(TARGET, topologyPackage);
        UploadedPackage second = uploader.upload(TARGET, topologyPackage);

        uploader.undo(second);
        assertThat(objectKeys()).hasSize(1);

        uploader.undo(first);
        assertThat(objectKeys()).isEmpty();
    }

    @Test
    void aMissingBucketIsNamedWithAHint() throws IOException {
        TopologyPackage topologyPackage = randomPackage("t", 1_000);
        S3Uploader uploader = uploader(server.config("no-such-bucket"));

        assertThatThrownBy(() -> uploader.upload(TARGET, topologyPackage))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContaining("cannot upload the topology package to s3://no-such-bucket/t/")
                .hasMessageContaining("the bucket does not exist (NoSuchBucket")
                .hasMessageContaining(server.endpoint().toString())
                .hasMessageContaining("create it or fix heron.uploader.s3.bucket");
    }

    @Test
    void deniedCredentialsAreNamedWithoutTheSecret() throws IOException {
        Map<String, String> config = new HashMap<>(server.config(BUCKET));
        config.put(S3AdapterConfig.SECRET_KEY, "wrong-secret-do-not-print");
        TopologyPackage topologyPackage = randomPackage("t", 1_000);
        S3Uploader uploader = uploader(config);

        assertThatThrownBy(() -> uploader.upload(TARGET, topologyPackage))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("access denied (")
                .hasMessageContaining("check the credentials")
                .hasMessageNotContaining("wrong-secret-do-not-print")
                .hasMessageNotContaining(TestingS3Server.SECRET_KEY);
        assertThat(objectKeys()).isEmpty();
    }

    @Test
    void anUnreachableStoreIsNamed() throws IOException {
        Map<String, String> config = new HashMap<>(server.config(BUCKET));
        config.put(S3AdapterConfig.ENDPOINT, "http://127.0.0.1:1");
        TopologyPackage topologyPackage = randomPackage("t", 1_000);

        assertThatThrownBy(() -> uploader(config).upload(TARGET, topologyPackage))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREACHABLE))
                .hasMessageContaining("http://127.0.0.1:1 did not answer");
    }

    @Test
    void fetchingAMissingObjectIsNotFound() {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(server.config(BUCKET), false);
        S3PackageFetcher fetcher = new S3PackageFetcher(S3Clients.build(config), config);

        assertThatThrownBy(() -> fetcher.fetch(URI.create("s3://" + BUCKET + "/none.tar.gz"), directory.resolve("x")))
                .isInstanceOfSatisfying(
                        EgretException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("NoSuchKey");
        assertThat(directory.resolve("x")).doesNotExist();
    }

    private S3Uploader uploader(Map<String, String> config) {
        S3AdapterConfig settings = S3AdapterConfig.fromConfig(config, true);
        return new S3Uploader(S3Clients.build(settings), settings, events::add);
    }

    private Path fetch(URI uri) {
        S3AdapterConfig config = S3AdapterConfig.fromConfig(server.config(BUCKET), false);
        Path target = directory.resolve("fetched-" + System.nanoTime());
        new S3PackageFetcher(S3Clients.build(config), config).fetch(uri, target);
        return target;
    }

    private List<String> objectKeys() {
        return admin.listObjectsV2(request -> request.bucket(BUCKET)).contents().stream()
                .map(object -> object.key())
                .toList();
    }

    private TopologyPackage randomPackage(String name, int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path file = Files.write(directory.resolve(name + "-" + size + ".tar.gz"), content);
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
