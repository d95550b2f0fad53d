package io.egret.adapters.s3;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server in this JVM: S3Proxy over its in-memory store, with AWS signature checks, so wrong keys
 * are refused as S3 refuses them. Behind a {@link CountingProxy}, so tests can count the bytes a client sends.
 */
public final class TestingS3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "egret-access";
    public static final String SECRET_KEY = "egret-secret-do-not-print";

    private final S3ProxyJunitCore server;
    private final CountingProxy proxy;

    public TestingS3Server() throws Exception {
        server = new S3ProxyJunitCore.Builder()
                .withCredentials(ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders()
                .build();
        server.beforeEach();
        URI direct = server.getUri();
        proxy = new CountingProxy(direct.getHost(), direct.getPort());
    }

    /** The endpoint clients use: the counting proxy in front of the server. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.port());
    }

    /** Bytes clients sent to the server so far (requests, headers included). */
    public long bytesReceived() {
        return proxy.bytesFromClients();
    }

    /** Heron config keys that point an uploader or fetcher at this server. */
    public Map<String, String> config(String bucket) {
        return Map.of(
                S3AdapterConfig.BUCKET, bucket,
                S3AdapterConfig.ENDPOINT, endpoint().toString(),
                S3AdapterConfig.REGION, "us-east-1",
                S3AdapterConfig.ACCESS_KEY, ACCESS_KEY,
                S3AdapterConfig.SECRET_KEY, SECRET_KEY);
    }

    /** A client for the test's own checks, with the right keys, straight to the server. */
    public S3Client adminClient() {
        return S3Client.builder()
                .endpointOverride(server.getUri())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(
                        software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
    }

    @Override
    public void close() {
        proxy.close();
        server.afterEach();
    }
}
