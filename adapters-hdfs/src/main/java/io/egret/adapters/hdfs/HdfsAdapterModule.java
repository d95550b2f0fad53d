package io.egret.adapters.hdfs;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.hdfs.internal.HadoopClients;
import io.egret.adapters.hdfs.internal.HdfsUploader;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.UploaderPort;

/**
 * Binds the HDFS uploader. The implementation is built with {@code new} in a public {@code @Provides} method, so
 * Guice needs no access to the adapter's internal package on the module path.
 */
public final class HdfsAdapterModule extends AbstractModule {
    private final HdfsAdapterConfig config;
    private final ProgressPort progress;

    /** @param progress where upload progress goes (the terminal, for the CLI) */
    public HdfsAdapterModule(HdfsAdapterConfig config, ProgressPort progress) {
        this.config = requireNonNull(config, "config is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The content-addressed uploader into {@link HdfsAdapterConfig#topologiesDirectory()}. */
    @Provides
    @Singleton
    public UploaderPort uploader() {
        return new HdfsUploader(config, HadoopClients.configuration(config), progress);
    }
}
