package io.egret.e2e;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible store in this JVM (S3Proxy, as {@link RemoteStorageLifecycleTest} runs it) that requires the
 * given keys, with one bucket, and an administrator's client that sees what the store holds.
 */
final class TestingS3 implements AutoCloseable {
    private final S3ProxyJunitCore proxy;
    private final S3Client admin;
    private final String bucket;

    private TestingS3(S3ProxyJunitCore proxy, S3Client admin, String bucket) {
        this.proxy = proxy;
        this.admin = admin;
        this.bucket = bucket;
    }

    static TestingS3 start(String accessKey, String secretKey, String bucket) throws Exception {
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder()
                .withCredentials(accessKey, secretKey)
                .ignoreUnknownHeaders()
                .build();
        proxy.beforeEach();
        S3Client admin = S3Client.builder()
                .endpointOverride(proxy.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        admin.createBucket(request -> request.bucket(bucket));
        return new TestingS3(proxy, admin, bucket);
    }

    /** The endpoint ({@code heron.uploader.s3.uri}). */
    URI uri() {
        return proxy.getUri();
    }

    /** The keys of the bucket's objects under the prefix. */
    List<String> keys(String prefix) {
        return admin.listObjectsV2(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** The object's bytes. */
    byte[] read(String key) {
        return admin.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                .asByteArray();
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxy.afterEach();
    }
}
