package io.egret.adapters.s3;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.s3.internal.S3Clients;
import io.egret.adapters.s3.internal.S3Uploader;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.UploaderPort;

/**
 * Binds the S3 uploader. The implementation is built with {@code new} in a public {@code @Provides} method, so
 * Guice needs no access to the adapter's internal package on the module path.
 */
public final class S3AdapterModule extends AbstractModule {
    private final S3AdapterConfig config;
    private final ProgressPort progress;

    /** @param progress where multipart progress goes (the terminal, for the CLI) */
    public S3AdapterModule(S3AdapterConfig config, ProgressPort progress) {
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The content-addressed uploader into {@link S3AdapterConfig#bucket()}. */
    @Provides
    @Singleton
    public UploaderPort uploader() {
        return new S3Uploader(S3Clients.build(config), config, progress);
    }
}
