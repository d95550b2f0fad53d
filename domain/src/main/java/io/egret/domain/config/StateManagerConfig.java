package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where and how topology state is kept.
 *
 * @param kind from {@code heron.class.state.manager}
 * @param connectionString {@code heron.statemgr.connection.string}: a ZooKeeper quorum, or {@code LOCALMODE}
 * @param rootPath {@code heron.statemgr.root.path}
 * @param initializeTree create the state tree if missing ({@code heron.statemgr.localfs.is.initialize.file.tree}
 *     or {@code heron.statemgr.zookeeper.is.initialize.tree}, whichever applies)
 * @param zooKeeper the ZooKeeper client settings (defaults unless the cluster uses ZooKeeper)
 * @param tunnel how to reach ZooKeeper
 */
public record StateManagerConfig(
        StateManagerKind kind,
        String connectionString,
        String rootPath,
        boolean initializeTree,
        ZooKeeper zooKeeper,
        TunnelConfig tunnel) {
    /** Heron's connection string for the local file system, which has no server to connect to. */
    public static final String LOCAL_MODE = "LOCALMODE";

    public StateManagerConfig {
        requireNonNull(kind, "kind is null");
        requireNonNull(connectionString, "connectionString is null");
        requireNonNull(rootPath, "rootPath is null");
        requireNonNull(zooKeeper, "zooKeeper is null");
        requireNonNull(tunnel, "tunnel is null");
    }

    public static StateManagerConfig from(EffectiveConfig config) {
        StateManagerKind kind = StateManagerKind.fromConfig(config);
        return switch (kind) {
            case LOCAL_FS ->
                new StateManagerConfig(
                        kind,
                        config.string(ConfigKey.STATE_MANAGER_CONNECTION_STRING).orElse(LOCAL_MODE),
                        config.required(ConfigKey.STATE_MANAGER_ROOT_PATH),
                        config.booleanValue(ConfigKey.LOCAL_FILE_SYSTEM_INITIALIZE_TREE),
                        ZooKeeper.from(config),
                        TunnelConfig.forStateManager(config));
            case ZOOKEEPER ->
                new StateManagerConfig(
                        kind,
                        config.required(ConfigKey.STATE_MANAGER_CONNECTION_STRING),
                        config.required(ConfigKey.STATE_MANAGER_ROOT_PATH),
                        config.booleanValue(ConfigKey.ZOOKEEPER_INITIALIZE_TREE),
                        ZooKeeper.from(config),
                        TunnelConfig.forStateManager(config));
        };
    }

    /**
     * @param sessionTimeout {@code heron.statemgr.zookeeper.session.timeout.ms}
     * @param connectionTimeout {@code heron.statemgr.zookeeper.connection.timeout.ms}
     * @param retryCount {@code heron.statemgr.zookeeper.retry.count}
     * @param retryInterval {@code heron.statemgr.zookeeper.retry.interval.ms}
     */
    public record ZooKeeper(
            Duration sessionTimeout, Duration connectionTimeout, int retryCount, Duration retryInterval) {
        public ZooKeeper {
            requireNonNull(sessionTimeout, "sessionTimeout is null");
            requireNonNull(connectionTimeout, "connectionTimeout is null");
            requireNonNull(retryInterval, "retryInterval is null");
            if (retryCount < 0) {
                throw new IllegalArgumentException("retryCount must not be negative: " + retryCount);
            }
        }

        public static ZooKeeper from(EffectiveConfig config) {
            return new ZooKeeper(
                    config.millis(ConfigKey.ZOOKEEPER_SESSION_TIMEOUT),
                    config.millis(ConfigKey.ZOOKEEPER_CONNECTION_TIMEOUT),
                    config.intValue(ConfigKey.ZOOKEEPER_RETRY_COUNT, 0),
                    config.millis(ConfigKey.ZOOKEEPER_RETRY_INTERVAL));
        }
    }
}
