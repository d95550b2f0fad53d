package io.egret.adapters.s3.internal;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.s3.S3AdapterConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.PackageFetcherPort;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/** Fetches {@code s3://<bucket>/<key>} with the SDK, with the uploader's region, endpoint and credentials. */
public final class S3PackageFetcher implements PackageFetcherPort {
    private final S3Client client;
    private final S3AdapterConfig config;

    public S3PackageFetcher(S3Client client, S3AdapterConfig config) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public void fetch(URI uri, Path target) {
        requireNonNull(uri, "uri is null");
        requireNonNull(target, "target is null");
        String bucket = uri.getHost();
        String key = uri.getPath() == null || uri.getPath().length() <= 1
                ? ""
                : uri.getPath().substring(1);
        if (bucket == null || key.isEmpty()) {
            throw EgretException.userError("'" + uri + "' is not an S3 object URI; write s3://bucket/key");
        }
        try {
            client.getObject(request -> request.bucket(bucket).key(key), ResponseTransformer.toFile(target));
        } catch (SdkException e) {
            throw S3Failures.translate(e, "S3 refused", S3Clients.describe(config));
        }
    }
}
