package io.egret.adapters.zookeeper.curator;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.StateNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * The ephemeral locations this process recorded, so that they can be recorded again when its session expired
 * while the process lives on (ZooKeeper deleted them with the old session). Checked after every (re)connect, on
 * a thread of its own: Curator's event thread must not block on ZooKeeper calls.
 */
final class OwnLocations implements AutoCloseable {
    private final CuratorFramework client;
    private final Consumer<Location> register;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    private final ExecutorService checker;

    OwnLocations(CuratorFramework client, Consumer<Location> register) {
        this.client = requireNonNull(client, "client is null");
        this.register = requireNonNull(register, "register is null");
        this.checker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "egret-zookeeper-locations");
            // Never keeps a process alive.
            thread.setDaemon(true);
            return thread;
        });
    }

    void remember(String path, Location location) {
        locations.put(path, location);
    }

    void forget(String path) {
        locations.remove(path);
    }

    /** Records again, on the current session, every remembered location that is missing or another session's. */
    void checkAfterReconnect(long sessionId) {
        if (locations.isEmpty()) {
            return;
        }
        try {
            checker.execute(() -> locations.forEach((path, location) -> reRegister(path, location, sessionId)));
        } catch (RejectedExecutionException e) {
            // Closing: the locations go with this process.
        }
    }

    private void reRegister(String path, Location location, long sessionId) {
        try {
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == sessionId) {
                return;
            }
            register.accept(location);
        } catch (EgretException e) {
            if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.CONFLICT) {
                // Killed or resubmitted meanwhile: this location is history.
                locations.remove(path, location);
                return;
            }
            report(e);
        } catch (Exception e) {
            report(e);
        }
    }

    private static void report(Exception e) {
        // The next reconnect tries again; the owner of the thread sees why this one failed.
        Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }

    /** A location as this process recorded it. */
    record Location(TopologyName name, StateNode node, Optional<TopologyId> incarnation, Object value) {
        Location {
            requireNonNull(name, "name is null");
            requireNonNull(node, "node is null");
            requireNonNull(incarnation, "incarnation is null");
            requireNonNull(value, "value is null");
        }
    }
}
