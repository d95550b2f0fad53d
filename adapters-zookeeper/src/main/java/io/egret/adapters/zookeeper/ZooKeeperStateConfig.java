package io.egret.adapters.zookeeper;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How to reach ZooKeeper and where the state lives in it.
 *
 * @param connectString the quorum and optional chroot ({@code heron.statemgr.connection.string}), possibly already
 *     pointing at tunnels
 * @param rootPath {@code heron.statemgr.root.path}: the znode under which Heron's directories live
 * @param initializeTree {@code heron.statemgr.zookeeper.is.initialize.tree}: create the root and directories when
 *     missing; when false they must exist
 * @param sessionTimeout {@code heron.statemgr.zookeeper.session.timeout.ms}
 * @param connectionTimeout {@code heron.statemgr.zookeeper.connection.timeout.ms}: the most one operation waits
 *     for ZooKeeper, retries included
 * @param retryCount {@code heron.statemgr.zookeeper.retry.count}: retries of one operation after a lost connection
 * @param retryInterval {@code heron.statemgr.zookeeper.retry.interval.ms}: the pause before each retry
 * @param longLived whether this process outlives the command that started it (a scheduler service or an
 *     executor): the locations it records are then ephemeral, so they vanish with it, and are recorded again after
 *     its session expires
 */
public record ZooKeeperStateConfig(
        ConnectString connectString,
        String rootPath,
        boolean initializeTree,
        Duration sessionTimeout,
        Duration connectionTimeout,
        int retryCount,
        Duration retryInterval,
        boolean longLived) {
    /** Heron's defaults for everything but where ZooKeeper is. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);

    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RETRY_COUNT = 10;
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(10);

    public ZooKeeperStateConfig {
        requireNonNull(connectString, "connectString is null");
        requireNonNull(rootPath, "rootPath is null");
        requireNonNull(sessionTimeout, "sessionTimeout is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(retryInterval, "retryInterval is null");
        if (!rootPath.startsWith("/") || (rootPath.length() > 1 && rootPath.endsWith("/")) || rootPath.contains("//")) {
            throw new IllegalArgumentException("heron.statemgr.root.path must be an absolute znode path such as /heron,"
                    + " got '" + rootPath + "'");
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("connectionTimeout must be positive: " + connectionTimeout);
        }
        if (retryCount < 0 || retryInterval.isNegative()) {
            throw new IllegalArgumentException("retryCount and retryInterval must not be negative");
        }
    }

    /** Heron's defaults (30 s session and connection timeouts, 10 retries 10 s apart) for a short-lived client. */
    public static ZooKeeperStateConfig defaults(ConnectString connectString, String rootPath) {
        return new ZooKeeperStateConfig(
                connectString,
                rootPath,
                true,
                DEFAULT_SESSION_TIMEOUT,
                DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_RETRY_COUNT,
                DEFAULT_RETRY_INTERVAL,
                false);
    }

    public ZooKeeperStateConfig withConnectString(ConnectString replacement) {
        return new ZooKeeperStateConfig(
                replacement,
                rootPath,
                initializeTree,
                sessionTimeout,
                connectionTimeout,
                retryCount,
                retryInterval,
                longLived);
    }

    public ZooKeeperStateConfig withTimeouts(Duration session, Duration connection) {
        return new ZooKeeperStateConfig(
                connectString, rootPath, initializeTree, session, connection, retryCount, retryInterval, longLived);
    }

    public ZooKeeperStateConfig withRetries(int count, Duration interval) {
        return new ZooKeeperStateConfig(
                connectString, rootPath, initializeTree, sessionTimeout, connectionTimeout, count, interval, longLived);
    }

    public ZooKeeperStateConfig withInitializeTree(boolean initialize) {
        return new ZooKeeperStateConfig(
                connectString,
                rootPath,
                initialize,
                sessionTimeout,
                connectionTimeout,
                retryCount,
                retryInterval,
                longLived);
    }

    public ZooKeeperStateConfig withLongLived(boolean value) {
        return new ZooKeeperStateConfig(
                connectString,
                rootPath,
                initializeTree,
                sessionTimeout,
                connectionTimeout,
                retryCount,
                retryInterval,
                value);
    }
}
