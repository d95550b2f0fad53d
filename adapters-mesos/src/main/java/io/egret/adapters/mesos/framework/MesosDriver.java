package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.mesos.protocol.MasterClient;
import io.egret.adapters.mesos.protocol.MesosException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Keeps one subscription to the Mesos master alive: subscribes, hands every event to its listener on one thread,
 * watches heartbeats (a stream silent for {@code missedHeartbeats} intervals is treated as broken), and
 * resubscribes with backoff after any break. Calls go out with the current stream id and framework id.
 */
final class MesosDriver implements AutoCloseable {
    /** Receives the stream's events, on the driver's thread, one at a time. */
    interface Listener {
        void onEvent(Event event);

        /** The subscription broke; the driver resubscribes after a backoff unless it was closed. */
        void onDisconnected(String reason);

        /** SUBSCRIBE was refused in a way retrying cannot fix (authentication, a malformed call). */
        void onRefused(MesosException refusal);
    }

    private final MasterClient client;
    private final Supplier<Call> subscribeCall;
    private final Listener listener;
    private final Backoff reconnect;
    private final int missedHeartbeats;
    private final ScheduledExecutorService watchdog;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean closed;
    private MasterClient.Subscription subscription;
    private String streamId;
    private FrameworkID frameworkId;
    private long lastEventNanos;
    private Duration heartbeatInterval = Duration.ofSeconds(15);

    MesosDriver(
            MasterClient client,
            Supplier<Call> subscribeCall,
            Listener listener,
            Backoff reconnect,
            int missedHeartbeats,
            String threadName) {
        this.client = requireNonNull(client, "client is null");
        this.subscribeCall = requireNonNull(subscribeCall, "subscribeCall is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.reconnect = requireNonNull(reconnect, "reconnect is null");
        this.missedHeartbeats = missedHeartbeats;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread watcher = new Thread(runnable, threadName + "-heartbeat");
            watcher.setDaemon(true);
            return watcher;
        });
    }

    void start() {
        thread.start();
        watchdog.scheduleWithFixedDelay(this::checkHeartbeat, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** The master currently subscribed to (the leader after redirects). */
    String master() {
        return client.currentMaster().toString();
    }

    /**
     * Sends a call on the current stream, with the framework id set.
     *
     * @throws MesosException when not subscribed or the master refuses
     */
    void send(Call.Builder call) {
        String stream;
        FrameworkID id;
        synchronized (lock) {
            stream = streamId;
            id = frameworkId;
        }
        if (stream == null || id == null) {
            throw new MesosException(
                    0, "not subscribed to the Mesos master at " + master() + "; " + call.getType() + " was not sent");
        }
        client.call(call.setFrameworkId(id).build(), stream);
    }

    /** Whether a stream is open and SUBSCRIBED was received on it. */
    boolean isSubscribed() {
        synchronized (lock) {
            return streamId != null && frameworkId != null;
        }
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            String reason;
            try {
                MasterClient.Subscription opened = client.subscribe(subscribeCall.get());
                synchronized (lock) {
                    if (closed) {
                        opened.close();
                        return;
                    }
                    subscription = opened;
                    lastEventNanos = System.nanoTime();
                }
                reason = read(opened);
                failures = 0;
            } catch (MesosException e) {
                if (!e.isTransient() && e.status() != 307) {
                    listener.onRefused(e);
                }
                reason = e.getMessage();
            }
            synchronized (lock) {
                if (subscription != null) {
                    subscription.close();
                }
                subscription = null;
                streamId = null;
            }
            if (closed) {
                return;
            }
            listener.onDisconnected(reason);
            failures++;
            if (!sleep(reconnect.delay(failures))) {
                return;
            }
        }
    }

    private String read(MasterClient.Subscription opened) {
        try {
            while (!closed) {
                Optional<Event> next = opened.next();
                if (next.isEmpty()) {
                    return "the master at " + master() + " ended the event stream";
                }
                Event event = next.get();
                synchronized (lock) {
                    lastEventNanos = System.nanoTime();
                    if (event.getType() == Event.Type.SUBSCRIBED) {
                        streamId = opened.streamId();
                        frameworkId = event.getSubscribed().getFrameworkId();
                        double seconds = event.getSubscribed().getHeartbeatIntervalSeconds();
                        heartbeatInterval = seconds > 0
                                ? Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)))
                                : Duration.ofSeconds(15);
                    }
                }
                listener.onEvent(event);
            }
            return "closed";
        } catch (IOException e) {
            return "the event stream from " + master() + " broke: " + e.getMessage();
        }
    }

    private void checkHeartbeat() {
        synchronized (lock) {
            if (subscription == null) {
                return;
            }
            Duration silent = Duration.ofNanos(System.nanoTime() - lastEventNanos);
            if (silent.compareTo(heartbeatInterval.multipliedBy(missedHeartbeats)) > 0) {
                // Closing the connection makes the blocked read fail, and the loop resubscribes.
                subscription.close();
                subscription = null;
            }
        }
    }

    private boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the subscription (the master sees a disconnect and starts the failover timeout). */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (subscription != null) {
                subscription.close();
            }
            subscription = null;
            streamId = null;
        }
        watchdog.shutdownNow();
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
