package io.egret.adapters.hdfs.internal;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.ports.out.PackageFetcherPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Fetches {@code hdfs://namenode[:port]/path} (or {@code hdfs:///path} against {@code fs.defaultFS}) through the
 * Hadoop client API: what Heron's job files did with {@code hdfs dfs -get}, without an {@code hdfs} binary.
 */
public final class HdfsPackageFetcher implements PackageFetcherPort {
    private final Configuration hadoop;

    public HdfsPackageFetcher(Configuration hadoop) {
        this.hadoop = requireNonNull(hadoop, "hadoop is null");
    }

    @Override
    public void fetch(URI uri, java.nio.file.Path target) {
        requireNonNull(uri, "uri is null");
        requireNonNull(target, "target is null");
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw EgretException.userError("'" + uri + "' names no file; write hdfs://namenode:port/path");
        }
        try (FileSystem fileSystem = HadoopClients.open(uri, hadoop);
                InputStream input = fileSystem.open(new Path(uri))) {
            Files.copy(input, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw HdfsFailures.translate(e, "HDFS refused", HadoopClients.describe(uri, hadoop));
        }
    }
}
