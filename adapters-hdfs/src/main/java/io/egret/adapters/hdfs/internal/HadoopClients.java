package io.egret.adapters.hdfs.internal;

import io.egret.adapters.hdfs.HdfsAdapterConfig;
import io.egret.domain.error.EgretException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Builds the Hadoop client configuration as Hadoop clients do: the config directory's {@code core-site.xml} and
 * {@code hdfs-site.xml}, then the properties given in Heron keys. Security (Kerberos) comes from that
 * configuration: {@code hadoop.security.authentication=kerberos} makes the client use the ticket cache of
 * {@code kinit}, exactly like the {@code hadoop} command would.
 */
public final class HadoopClients {
    /**
     * Fail fast when the NameNode does not answer: Hadoop's own defaults retry a refused connection for about 45
     * seconds per call. A value from the config files or the properties wins.
     */
    private static final Map<String, String> FAIL_FAST = Map.of(
            "ipc.client.connect.max.retries", "2",
            "ipc.client.connect.retry.interval", "500",
            "ipc.client.connect.max.retries.on.timeouts", "2",
            "ipc.client.connect.timeout", "10000");

    private HadoopClients() {}

    public static Configuration configuration(HdfsAdapterConfig config) {
        Configuration configuration = new Configuration();
        if (config.configDirectory().isPresent()) {
            for (String file : List.of("core-site.xml", "hdfs-site.xml")) {
                Path site = config.configDirectory().get().resolve(file);
                if (Files.isRegularFile(site)) {
                    configuration.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
                }
            }
        }
        FAIL_FAST.forEach((key, value) -> {
            if (isDefaultOnly(configuration, key)) {
                configuration.set(key, value, "egret fail-fast default");
            }
        });
        config.hadoopProperties().forEach(configuration::set);
        // Hadoop's security layer reads its settings once, from the classpath, unless told which configuration
        // holds them: the cluster's config directory says whether Kerberos is on.
        UserGroupInformation.setConfiguration(configuration);
        return configuration;
    }

    /** A file system of its own (not Hadoop's shared cache), closed by the caller after one operation. */
    static FileSystem open(URI uri, Configuration configuration) throws IOException {
        return FileSystem.newInstance(uri, configuration);
    }

    /** The location for messages. */
    static String describe(URI uri, Configuration configuration) {
        if (uri.getAuthority() != null) {
            return uri.getScheme() + "://" + uri.getAuthority();
        }
        String defaultFs = configuration.get("fs.defaultFS", "file:///");
        return defaultFs + " (fs.defaultFS)";
    }

    private static boolean isDefaultOnly(Configuration configuration, String key) {
        String[] sources = configuration.getPropertySources(key);
        if (sources == null) {
            return true;
        }
        for (String source : sources) {
            if (!source.endsWith("-default.xml")) {
                return false;
            }
        }
        return true;
    }

    /** Wraps a malformed URI as a user error. */
    static URI uri(String text, String key) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw EgretException.userError(key + " is not a URI: '" + text + "'");
        }
    }
}
