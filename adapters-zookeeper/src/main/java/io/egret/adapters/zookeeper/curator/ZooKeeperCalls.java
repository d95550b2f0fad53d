package io.egret.adapters.zookeeper.curator;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.zookeeper.ZooKeeperStateConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

/**
 * Runs calls against ZooKeeper and turns what can go wrong into Egret's error codes. Retries after a lost
 * connection are Curator's, bounded by {@link BoundedRetry}; whatever still fails is {@code UNREACHABLE} with the
 * settings that bounded it, so the operator knows which key to change.
 */
final class ZooKeeperCalls {
    private final CuratorFramework client;
    private final ZooKeeperStateConfig config;

    ZooKeeperCalls(CuratorFramework client, ZooKeeperStateConfig config) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
    }

    /**
     * Runs a call. {@link KeeperException}s that are answers (no node, node exists, bad version) reach the caller;
     * lost connections and timeouts become {@code UNREACHABLE}.
     *
     * @param what what the call does, for the error ("create topology 'x'")
     */
    <T> T call(String what, ZooKeeperCall<T> call) throws KeeperException {
        try {
            return call.call();
        } catch (KeeperException e) {
            if (isAnswer(e.code())) {
                throw e;
            }
            throw failure(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.UNREACHABLE, "interrupted while waiting for ZooKeeper to " + what, e);
        } catch (EgretException e) {
            throw e;
        } catch (Exception e) {
            throw failure(what, e);
        }
    }

    /**
     * Reads several nodes in one round trip (a read-only {@code multi}): ZooKeeper answers them from one state, and
     * a missing node is an error result for that operation only.
     */
    List<OpResult> readAll(String what, List<Op> reads) throws KeeperException {
        return call(
                what,
                () -> RetryLoop.callWithRetry(client.getZookeeperClient(), (Callable<List<OpResult>>)
                        () -> client.getZookeeperClient().getZooKeeper().multi(reads)));
    }

    EgretException failure(String what, Exception cause) {
        String detail = cause instanceof KeeperException keeper ? keeper.code().toString() : cause.toString();
        if (cause instanceof KeeperException keeper
                && (keeper.code() == KeeperException.Code.NOAUTH || keeper.code() == KeeperException.Code.AUTHFAILED)) {
            return new EgretException(
                    ErrorCode.USER_ERROR,
                    "ZooKeeper at " + config.connectString() + " refused to " + what + " (" + detail
                            + "): check the ACLs of " + config.rootPath(),
                    cause);
        }
        return new EgretException(
                ErrorCode.UNREACHABLE,
                "ZooKeeper at " + config.connectString() + " did not " + what + " within "
                        + config.connectionTimeout().toMillis() + " ms (" + detail
                        + "; heron.statemgr.zookeeper.connection.timeout.ms, at most " + config.retryCount()
                        + " retries " + config.retryInterval().toMillis()
                        + " ms apart); each change is one transaction, so it happened completely or not at all",
                cause);
    }

    private static boolean isAnswer(KeeperException.Code code) {
        return switch (code) {
            case NONODE, NODEEXISTS, BADVERSION, NOTEMPTY, NOCHILDRENFOREPHEMERALS -> true;
            default -> false;
        };
    }

    /** A call that may throw what ZooKeeper and Curator throw. */
    @FunctionalInterface
    interface ZooKeeperCall<T> {
        T call() throws Exception;
    }
}
