package io.egret.adapters.s3.internal;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.s3.S3AdapterConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.PackageLocationTemplate;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Heron's S3 uploader, content-addressed: a package is stored under
 * {@code <path_prefix>/<topology>/<sha256>/topology.tar.gz}, so a package whose content is already stored is
 * found by one HEAD request and not sent again. Packages above the multipart threshold go in parts, with progress
 * after each part; a failed multipart upload is aborted, so no part is left behind. The returned URI is
 * {@code s3://<bucket>/<key>}, which every container fetches with the S3 fetcher.
 *
 * <p>{@link #undo} deletes the object only if this upload stored it. Two submissions of the same content at the
 * same moment share one object; if the one that stored it fails, its undo removes the object the other one uses
 * (the other's containers then fail to fetch, with a clear message). Egret does not count uses on S3.
 */
public final class S3Uploader implements UploaderPort {
    static final String PACKAGE_FILE_NAME = "topology.tar.gz";
    static final String DIGEST_METADATA = "sha256";

    private static final String OPERATION = "submit";
    private static final Pattern PACKAGE_UNDER_PREFIX =
            Pattern.compile("[0-9a-f]{64}/" + Pattern.quote("topology.tar.gz"));
    private static final String STEP = "upload package";

    private final S3Client client;
    private final S3AdapterConfig config;
    private final ProgressPort progress;

    public S3Uploader(S3Client client, S3AdapterConfig config, ProgressPort progress) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    @Override
    public UploadedPackage upload(ClusterTarget target, TopologyPackage topologyPackage) {
        requireNonNull(target, "target is null");
        requireNonNull(topologyPackage, "topologyPackage is null");
        String key = key(target, topologyPackage);
        URI uri = URI.create("s3://" + config.bucket() + "/" + key);
        long start = System.nanoTime();
        try {
            if (alreadyStored(key, topologyPackage)) {
                advanced("already stored at " + uri + "; 0 bytes sent", start);
                return new UploadedPackage(uri, topologyPackage.sha256(), false);
            }
            if (topologyPackage.size() > config.multipartThreshold()) {
                uploadInParts(key, uri, topologyPackage, start);
            } else {
                uploadWhole(key, topologyPackage);
            }
            advanced("sent " + size(topologyPackage.size()) + " to " + uri, start);
            return new UploadedPackage(uri, topologyPackage.sha256(), true);
        } catch (SdkException e) {
            throw S3Failures.translate(e, "cannot upload the topology package to " + uri, S3Clients.describe(config));
        }
    }

    @Override
    public void undo(UploadedPackage uploaded) {
        requireNonNull(uploaded, "uploaded is null");
        if (!uploaded.created()) {
            return;
        }
        URI uri = uploaded.uri();
        if (!"s3".equals(uri.getScheme()) || !config.bucket().equals(uri.getHost())) {
            throw new IllegalArgumentException("not a package of bucket " + config.bucket() + ": " + uri);
        }
        String key = uri.getPath().substring(1);
        try {
            client.deleteObject(request -> request.bucket(config.bucket()).key(key));
        } catch (SdkException e) {
            throw S3Failures.translate(e, "cannot remove the uploaded package " + uri, S3Clients.describe(config));
        }
    }

    /** Every package of the topology: the objects {@code <topology prefix><sha256>/topology.tar.gz}. */
    @Override
    public List<URI> storedPackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        return packageKeys(target, name).stream()
                .map(key -> URI.create("s3://" + config.bucket() + "/" + key))
                .toList();
    }

    /** Deletes every package of the topology, and nothing else under its prefix. */
    @Override
    public void removePackages(ClusterTarget target, TopologyName name) {
        requireNonNull(target, "target is null");
        requireNonNull(name, "name is null");
        for (String key : packageKeys(target, name)) {
            try {
                client.deleteObject(request -> request.bucket(config.bucket()).key(key));
            } catch (SdkException e) {
                throw S3Failures.translate(
                        e, "cannot remove the package s3://" + config.bucket() + "/" + key, S3Clients.describe(config));
            }
        }
    }

    private List<String> packageKeys(ClusterTarget target, TopologyName name) {
        String topologyPrefix = topologyPrefix(target, name);
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(
                            request -> request.bucket(config.bucket()).prefix(topologyPrefix))
                    .contents()) {
                String rest = object.key().substring(topologyPrefix.length());
                if (PACKAGE_UNDER_PREFIX.matcher(rest).matches()) {
                    keys.add(object.key());
                }
            }
        } catch (SdkException e) {
            throw S3Failures.translate(
                    e,
                    "cannot list the packages under s3://" + config.bucket() + "/" + topologyPrefix,
                    S3Clients.describe(config));
        }
        return keys;
    }

    /** Lists the objects under the prefix's fixed part once and keeps those laid out as packages. */
    @Override
    public List<TopologyName> topologiesWithPackages(String cluster, Optional<String> role, Optional<String> environ) {
        requireNonNull(cluster, "cluster is null");
        List<String> prefixParts = Arrays.stream(config.pathPrefix().split("/"))
                .filter(part -> !part.isBlank())
                .collect(Collectors.toCollection(ArrayList::new));
        prefixParts.add("${TOPOLOGY}");
        PackageLocationTemplate.Search search =
                new PackageLocationTemplate(String.join("/", prefixParts)).search(cluster, role, environ);
        String listed = search.base().isEmpty() ? "" : search.base() + "/";
        Set<TopologyName> names = new TreeSet<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(
                            request -> request.bucket(config.bucket()).prefix(listed))
                    .contents()) {
                search.topologyOf(object.key().substring(search.base().length()))
                        .ifPresent(names::add);
            }
        } catch (SdkException e) {
            throw S3Failures.translate(
                    e,
                    "cannot list the packages under s3://" + config.bucket() + "/" + listed,
                    S3Clients.describe(config));
        }
        return List.copyOf(names);
    }

    /** The object key: the topology's prefix, the digest, the file name. */
    String key(ClusterTarget target, TopologyPackage topologyPackage) {
        return topologyPrefix(target, topologyPackage.name()) + topologyPackage.sha256() + "/" + PACKAGE_FILE_NAME;
    }

    /** The configured prefix with its tokens filled in, then the topology's name, ending in '/'. */
    private String topologyPrefix(ClusterTarget target, TopologyName name) {
        Map<String, String> tokens = Map.of(
                "${CLUSTER}", target.cluster(),
                "${ROLE}", target.role(),
                "${ENVIRON}", target.environ(),
                "${TOPOLOGY}", name.value());
        String prefix = config.pathPrefix();
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            prefix = prefix.replace(token.getKey(), token.getValue());
        }
        List<String> parts = new ArrayList<>(
                Arrays.stream(prefix.split("/")).filter(part -> !part.isBlank()).toList());
        parts.add(name.value());
        return parts.stream().collect(Collectors.joining("/")) + "/";
    }

    private boolean alreadyStored(String key, TopologyPackage topologyPackage) {
        try {
            HeadObjectResponse head =
                    client.headObject(request -> request.bucket(config.bucket()).key(key));
            // The key holds the digest, so only a damaged object differs; one of another size is replaced.
            Optional<String> digest = Optional.ofNullable(head.metadata().get(DIGEST_METADATA));
            return head.contentLength() == topologyPackage.size()
                    && digest.map(topologyPackage.sha256()::equals).orElse(true);
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            // HEAD answers carry no error body: a missing object is a bare 404, a missing bucket too. The PUT
            // that follows tells them apart with a proper error code.
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void uploadWhole(String key, TopologyPackage topologyPackage) {
        checkDigest(topologyPackage, digest(topologyPackage));
        client.putObject(
                request -> request.bucket(config.bucket())
                        .key(key)
                        .contentType("application/gzip")
                        .metadata(Map.of(DIGEST_METADATA, topologyPackage.sha256())),
                RequestBody.fromFile(topologyPackage.file()));
    }

    private void uploadInParts(String key, URI uri, TopologyPackage topologyPackage, long start) {
        String uploadId = client.createMultipartUpload(request -> request.bucket(config.bucket())
                        .key(key)
                        .contentType("application/gzip")
                        .metadata(Map.of(DIGEST_METADATA, topologyPackage.sha256())))
                .uploadId();
        try {
            MessageDigest digest = sha256();
            List<CompletedPart> parts = new ArrayList<>();
            long size = topologyPackage.size();
            int partCount = (int) ((size + config.partSize() - 1) / config.partSize());
            for (int number = 1; number <= partCount; number++) {
                long offset = (number - 1) * config.partSize();
                int length = (int) Math.min(config.partSize(), size - offset);
                byte[] content = read(topologyPackage, offset, length);
                digest.update(content);
                int partNumber = number;
                String etag = client.uploadPart(
                                request -> request.bucket(config.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(partNumber)
                                        .contentLength((long) length),
                                RequestBody.fromBytes(content))
                        .eTag();
                parts.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(etag)
                        .build());
                long sent = offset + length;
                advanced(
                        String.format(
                                Locale.ROOT,
                                "%s of %s to %s (%d %%), part %d of %d",
                                size(sent),
                                size(size),
                                uri,
                                sent * 100 / size,
                                partNumber,
                                partCount),
                        start);
            }
            checkDigest(topologyPackage, HexFormat.of().formatHex(digest.digest()));
            client.completeMultipartUpload(request -> request.bucket(config.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    /** Nothing of a failed multipart upload stays: its parts are dropped. A failed abort is added to the error. */
    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            client.abortMultipartUpload(
                    request -> request.bucket(config.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }

    private static byte[] read(TopologyPackage topologyPackage, long offset, int length) {
        try (InputStream input = Files.newInputStream(topologyPackage.file())) {
            input.skipNBytes(offset);
            byte[] content = input.readNBytes(length);
            if (content.length != length) {
                throw EgretException.userError(
                        "topology package " + topologyPackage.file() + " shrank while it was uploaded; submit again");
            }
            return content;
        } catch (NoSuchFileException e) {
            throw EgretException.userError("topology package " + topologyPackage.file() + " does not exist");
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot read topology package " + topologyPackage.file() + ": " + e, e);
        }
    }

    private static void checkDigest(TopologyPackage topologyPackage, String actual) {
        if (!actual.equals(topologyPackage.sha256())) {
            throw EgretException.userError("topology package " + topologyPackage.file()
                    + " changed while it was uploaded: its SHA-256 is now " + actual + ", expected "
                    + topologyPackage.sha256() + "; submit again");
        }
    }

    private void advanced(String detail, long start) {
        progress.report(new ProgressEvent(
                OPERATION, STEP, ProgressEvent.Status.ADVANCED, detail, Duration.ofNanos(System.nanoTime() - start)));
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? bytes + " bytes"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String digest(TopologyPackage topologyPackage) {
        MessageDigest digest = sha256();
        try (InputStream input = new DigestInputStream(Files.newInputStream(topologyPackage.file()), digest)) {
            input.transferTo(OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw EgretException.userError("topology package " + topologyPackage.file() + " does not exist");
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot read topology package " + topologyPackage.file() + ": " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
