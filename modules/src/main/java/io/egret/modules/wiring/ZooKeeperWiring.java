package io.egret.modules.wiring;

import io.egret.adapters.zookeeper.ConnectString;
import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.StateManagerConfig;
import io.egret.domain.error.EgretException;
import java.time.Duration;
import java.util.Map;

/**
 * The ZooKeeper state store's settings from Heron's keys: for the CLI from the cluster config, and for the
 * processes a topology runs (scheduler service, executors) from the config snapshot the topology was submitted
 * with, so that every process talks to the same quorum and root with the same timeouts.
 */
public final class ZooKeeperWiring {
    private ZooKeeperWiring() {}

    /**
     * The settings of a short-lived client (the CLI): its location writes are persistent.
     *
     * @param connectString where to connect: the configured quorum, or the local ends of tunnels to it
     */
    public static ZooKeeperStateConfig clientConfig(StateManagerConfig config, ConnectString connectString) {
        StateManagerConfig.ZooKeeper zooKeeper = config.zooKeeper();
        return new ZooKeeperStateConfig(
                connectString,
                rootPath(config.rootPath()),
                config.initializeTree(),
                zooKeeper.sessionTimeout(),
                zooKeeper.connectionTimeout(),
                zooKeeper.retryCount(),
                zooKeeper.retryInterval(),
                false);
    }

    /**
     * The settings of a long-lived process of a topology: its locations are ephemeral and recorded again after a
     * session expiry.
     *
     * @param values the topology's config snapshot (Heron's keys); missing keys take Heron's defaults
     */
    public static ZooKeeperStateConfig processConfig(String connection, String root, Map<String, String> values) {
        return new ZooKeeperStateConfig(
                ConnectString.parse(connection),
                rootPath(root),
                Boolean.parseBoolean(value(values, ConfigKey.ZOOKEEPER_INITIALIZE_TREE)),
                millis(values, ConfigKey.ZOOKEEPER_SESSION_TIMEOUT),
                millis(values, ConfigKey.ZOOKEEPER_CONNECTION_TIMEOUT),
                (int) number(values, ConfigKey.ZOOKEEPER_RETRY_COUNT),
                millis(values, ConfigKey.ZOOKEEPER_RETRY_INTERVAL),
                true);
    }

    private static String rootPath(String root) {
        if (root == null || !root.startsWith("/")) {
            throw EgretException.userError(ConfigKey.STATE_MANAGER_ROOT_PATH.key() + " must be an absolute znode path"
                    + " such as /heron for the ZooKeeper state manager, got '" + root + "'");
        }
        return root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    private static String value(Map<String, String> values, ConfigKey key) {
        String value = values.get(key.key());
        return value != null ? value : key.defaultValue().orElseThrow();
    }

    private static Duration millis(Map<String, String> values, ConfigKey key) {
        return Duration.ofMillis(number(values, key));
    }

    private static long number(Map<String, String> values, ConfigKey key) {
        String value = value(values, key);
        try {
            long number = Long.parseLong(value.strip());
            if (number < 0) {
                throw new NumberFormatException("negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw EgretException.userError(key.key() + " must be a non-negative whole number (" + key.description()
                    + "), got '" + value + "'");
        }
    }
}
