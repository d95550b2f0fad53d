package io.egret.adapters.zookeeper.curator;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.StateStorePort;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * A watch on one record: a Curator cache of the single znode, which sets its ZooKeeper watch again after every
 * reconnect and rebuilds after a session expiry, reporting what changed meanwhile. {@link #start} returns once the
 * cache holds the current state, so every later change is reported and the state at the start is not.
 */
final class RecordWatch implements StateStorePort.Watch {
    private final CuratorCache cache;
    private final Consumer<RecordWatch> onClose;
    private volatile boolean closed;

    private RecordWatch(CuratorCache cache, Consumer<RecordWatch> onClose) {
        this.cache = requireNonNull(cache, "cache is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
    }

    static RecordWatch start(
            CuratorFramework client,
            String path,
            Runnable listener,
            Duration initializationTimeout,
            Consumer<RecordWatch> onClose) {
        CuratorCache cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        RecordWatch watch = new RecordWatch(cache, onClose);
        CountDownLatch initialized = new CountDownLatch(1);
        cache.listenable()
                .addListener(CuratorCacheListener.builder()
                        .forAll((type, before, after) -> {
                            if (initialized.getCount() == 0 && !watch.closed) {
                                watch.deliver(listener);
                            }
                        })
                        .forInitialized(initialized::countDown)
                        .build());
        cache.start();
        try {
            if (!initialized.await(initializationTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                cache.close();
                throw new EgretException(
                        ErrorCode.UNREACHABLE,
                        "ZooKeeper did not answer within " + initializationTimeout.toMillis() + " ms when watching "
                                + path + " (heron.statemgr.zookeeper.connection.timeout.ms)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cache.close();
            throw new EgretException(ErrorCode.UNREACHABLE, "interrupted while starting a watch on " + path, e);
        }
        return watch;
    }

    private void deliver(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            // A failing listener ends its watch; its owner learns why through the thread's handler.
            close();
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.close();
        onClose.accept(this);
    }
}
