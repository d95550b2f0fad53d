package io.egret.adapters.local.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LocalFileSystemUploaderTest {
    private static final ClusterTarget TARGET = new ClusterTarget("local", "alice", "default");
    private static final TopologyName NAME = TopologyName.of("wordcount");

    @TempDir
    Path directory;

    @Test
    void storesThePackageUnderItsDigestAndReturnsAFileUri() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        TopologyPackage topologyPackage = packageWith("content one");

        UploadedPackage uploaded = uploader.upload(TARGET, topologyPackage);

        Path expected = directory
                .resolve("repository/local/alice/default/wordcount")
                .resolve(topologyPackage.sha256())
                .resolve("topology.tar.gz");
        assertThat(uploaded.created()).isTrue();
        assertThat(uploaded.sha256()).isEqualTo(topologyPackage.sha256());
        assertThat(uploaded.uri().getScheme()).isEqualTo("file");
        assertThat(uploaded.uri().toString()).startsWith("file:///");
        assertThat(Path.of(uploaded.uri())).isEqualTo(expected);
        assertThat(expected).hasContent("content one");
        try (Stream<Path> files = Files.list(expected.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("topology.tar.gz", "uses");
        }
    }

    @Test
    void anUnchangedPackageIsNotCopiedAgain() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        TopologyPackage topologyPackage = packageWith("same");
        UploadedPackage first = uploader.upload(TARGET, topologyPackage);
        Object fileKey = Files.readAttributes(Path.of(first.uri()), BasicFileAttributes.class)
                .fileKey();

        UploadedPackage second = uploader.upload(TARGET, packageWith("same"));

        assertThat(second.created()).isFalse();
        assertThat(second.uri()).isEqualTo(first.uri());
        assertThat(Files.readAttributes(Path.of(second.uri()), BasicFileAttributes.class)
                        .fileKey())
                .isEqualTo(fileKey);
    }

    @Test
    void undoRemovesWhatThisSubmissionAddedAndKeepsWhatOthersUse() {
        LocalFileSystemUploader uploader = uploader();
        UploadedPackage running = uploader.upload(TARGET, packageWith("shared"));
        UploadedPackage failing = uploader.upload(TARGET, packageWith("shared"));

        uploader.undo(failing);

        assertThat(Path.of(running.uri())).hasContent("shared");

        UploadedPackage fresh = uploader.upload(TARGET, packageWith("fresh"));
        uploader.undo(fresh);

        assertThat(Path.of(fresh.uri())).doesNotExist();
        assertThat(Path.of(fresh.uri()).getParent()).doesNotExist();
        assertThat(Path.of(running.uri())).exists();
    }

    @Test
    void theCreatorsUndoKeepsAPackageAConcurrentSubmissionReused() {
        LocalFileSystemUploader uploader = uploader();
        UploadedPackage creator = uploader.upload(TARGET, packageWith("raced"));
        UploadedPackage reuser = uploader.upload(TARGET, packageWith("raced"));
        assertThat(creator.created()).isTrue();
        assertThat(reuser.created()).isFalse();

        uploader.undo(creator);
        assertThat(Path.of(reuser.uri())).hasContent("raced");

        uploader.undo(reuser);
        assertThat(Path.of(reuser.uri())).doesNotExist();
    }

    @Test
    void theLastUndoLeavesNoFileOrDirectoryOfTheTopology() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        UploadedPackage uploaded = uploader.upload(TARGET, packageWith("only"));

        uploader.undo(uploaded);

        assertThat(directory.resolve("repository/local/alice/default/wordcount"))
                .doesNotExist();
    }

    @Test
    void storedPackagesAreListedByTopologyAndRemovedWithTheirLocks() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        UploadedPackage first = uploader.upload(TARGET, packageWith("one"));
        UploadedPackage second = uploader.upload(TARGET, packageWith("two"));
        uploader.upload(new ClusterTarget("local", "bob", "prod"), packageOf(TopologyName.of("other"), "three"));
        // A lock without its package: a crash between taking the lock and storing the package.
        Path strayLock = directory.resolve("repository/local/alice/default/wordcount/.locks/"
                + packageWith("x").sha256() + ".lock");
        Files.writeString(strayLock, "");

        assertThat(uploader.storedPackages(TARGET, NAME)).containsExactlyInAnyOrder(first.uri(), second.uri());
        assertThat(uploader.topologiesWithPackages("local", java.util.Optional.empty(), java.util.Optional.empty()))
                .containsExactly(TopologyName.of("other"), NAME);
        assertThat(uploader.topologiesWithPackages("local", java.util.Optional.of("alice"), java.util.Optional.empty()))
                .containsExactly(NAME);

        uploader.removePackages(TARGET, NAME);

        assertThat(uploader.storedPackages(TARGET, NAME)).isEmpty();
        assertThat(directory.resolve("repository/local/alice/default/wordcount"))
                .doesNotExist();
        assertThat(uploader.topologiesWithPackages("local", java.util.Optional.empty(), java.util.Optional.empty()))
                .containsExactly(TopologyName.of("other"));
        uploader.removePackages(TARGET, NAME);
    }

    @Test
    void aFailedFirstUploadLeavesNoPackageDirectoryOrLock() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        TopologyPackage topologyPackage = packageWith("original");
        Files.writeString(topologyPackage.file(), "changed since its digest was taken");

        assertThatThrownBy(() -> uploader.upload(TARGET, topologyPackage)).isInstanceOf(EgretException.class);

        assertThat(directory.resolve("repository/local/alice/default/wordcount"))
                .doesNotExist();
    }

    @Test
    void undoOfAMissingPackageIsFine() {
        LocalFileSystemUploader uploader = uploader();
        UploadedPackage uploaded = uploader.upload(TARGET, packageWith("gone"));
        uploader.undo(uploaded);

        uploader.undo(uploaded);

        assertThat(Path.of(uploaded.uri())).doesNotExist();
    }

    @Test
    void concurrentUploadsOfTheSameContentCreateItOnce() throws Exception {
        LocalFileSystemUploader uploader = uploader();
        int uploads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(uploads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<UploadedPackage>> results = new ArrayList<>();
            for (int upload = 0; upload < uploads; upload++) {
                TopologyPackage topologyPackage = packageWith("x".repeat(200_000));
                results.add(executor.submit(() -> {
                    start.await();
                    return uploader.upload(TARGET, topologyPackage);
                }));
            }
            start.countDown();
            List<UploadedPackage> uploaded = new ArrayList<>();
            for (Future<UploadedPackage> result : results) {
                uploaded.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(uploaded).filteredOn(UploadedPackage::created).hasSize(1);
            assertThat(uploaded)
                    .extracting(UploadedPackage::uri)
                    .containsOnly(uploaded.get(0).uri());
            assertThat(Files.readString(Path.of(uploaded.get(0).uri()))).hasSize(200_000);
            try (Stream<Path> files = Files.list(Path.of(uploaded.get(0).uri()).getParent())) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .containsExactlyInAnyOrder("topology.tar.gz", "uses");
            }
            assertThat(Path.of(uploaded.get(0).uri()).resolveSibling("uses")).hasContent("8");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aPackageThatChangedAfterItsDigestWasTakenIsRefused() throws IOException {
        LocalFileSystemUploader uploader = uploader();
        TopologyPackage topologyPackage = packageWith("before");
        Files.writeString(topologyPackage.file(), "after");

        assertThatThrownBy(() -> uploader.upload(TARGET, topologyPackage))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("changed while it was uploaded")
                .hasMessageContaining(topologyPackage.file().toString());
        assertThat(directory
                        .resolve("repository/local/alice/default/wordcount")
                        .resolve(topologyPackage.sha256())
                        .resolve("topology.tar.gz"))
                .doesNotExist();
    }

    @Test
    void aMissingPackageFileIsAUserError() throws IOException {
        TopologyPackage topologyPackage = packageWith("soon gone");
        Files.delete(topologyPackage.file());

        assertThatThrownBy(() -> uploader().upload(TARGET, topologyPackage))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining(topologyPackage.file().toString())
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void unknownTokensInTheDirectoryAreAUserErrorNamingHeronsKey() {
        LocalFileSystemUploader uploader = new LocalFileSystemUploader(directory + "/${HERON_HOME}/${TOPOLOGY}");

        assertThatThrownBy(() -> uploader.upload(TARGET, packageWith("x")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("heron.uploader.localfs.file.system.directory")
                .hasMessageContaining("${HERON_HOME}")
                .extracting(e -> ((EgretException) e).code())
                .isEqualTo(ErrorCode.USER_ERROR);
    }

    @Test
    void aDirectoryWithoutTokensIsUsedAsIs() {
        LocalFileSystemUploader uploader =
                new LocalFileSystemUploader(directory.resolve("fixed").toString());

        UploadedPackage uploaded = uploader.upload(TARGET, packageWith("fixed"));

        assertThat(Path.of(uploaded.uri()).getParent().getParent()).isEqualTo(directory.resolve("fixed"));
    }

    private LocalFileSystemUploader uploader() {
        return new LocalFileSystemUploader(directory + "/repository/${CLUSTER}/${ROLE}/${ENVIRON}/${TOPOLOGY}");
    }

    private TopologyPackage packageWith(String content) {
        return packageOf(NAME, content);
    }

    private TopologyPackage packageOf(TopologyName name, String content) {
        try {
            Path source = Files.createTempFile(directory, "package", ".tar.gz");
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            Files.write(source, bytes);
            String sha256 = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new TopologyPackage(name, source, sha256, bytes.length);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
