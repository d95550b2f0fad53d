package io.egret.adapters.hdfs.internal;

import io.egret.adapters.hdfs.HdfsAdapterConfig;
import io.egret.ports.out.PackageFetcherPort;
import java.util.Map;
import java.util.Set;

/**
 * Offers the HDFS fetcher to containers as a service; Hadoop is configured only when an {@code hdfs:} URI is
 * fetched (from {@code heron.uploader.hdfs.config.directory}, else {@code HADOOP_CONF_DIR}).
 */
public final class HdfsFetcherProvider implements PackageFetcherPort.Provider {

    @Override
    public Set<String> schemes() {
        return Set.of("hdfs");
    }

    @Override
    public PackageFetcherPort open(Map<String, String> config) {
        HdfsAdapterConfig settings = HdfsAdapterConfig.fromConfig(config, System.getenv(), false);
        return new HdfsPackageFetcher(HadoopClients.configuration(settings));
    }
}
