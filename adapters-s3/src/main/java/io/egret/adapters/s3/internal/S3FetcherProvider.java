package io.egret.adapters.s3.internal;

import io.egret.adapters.s3.S3AdapterConfig;
import io.egret.ports.out.PackageFetcherPort;
import io.egret.ports.out.PackageFetcherProvider;
import java.util.Map;
import java.util.Set;

/** Offers the S3 fetcher to containers as a service; the client is built only when an {@code s3:} URI is fetched. */
public final class S3FetcherProvider implements PackageFetcherProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public PackageFetcherPort open(Map<String, String> config) {
        S3AdapterConfig settings = S3AdapterConfig.fromConfig(config, false);
        return new S3PackageFetcher(S3Clients.build(settings), settings);
    }
}
