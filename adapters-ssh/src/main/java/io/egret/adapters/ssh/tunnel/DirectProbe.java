package io.egret.adapters.ssh.tunnel;

import static java.util.Objects.requireNonNull;

import io.egret.ports.out.Endpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Whether a TCP connection to an endpoint succeeds, tried a bounded number of times with a pause between. */
final class DirectProbe {
    private final Duration timeout;
    private final Duration interval;

    DirectProbe(Duration timeout, Duration interval) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    /**
     * Tries up to {@code attempts} connects. A name that does not resolve here is not retried: it will not resolve
     * a second later, and it is the usual case of a host known only inside the cluster.
     */
    boolean reachable(Endpoint target, int attempts) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
            if (address.isUnresolved()) {
                return false;
            }
            if (connects(address)) {
                return true;
            }
            if (attempt < attempts) {
                pause(interval);
            }
        }
        return false;
    }

    private boolean connects(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, Math.toIntExact(timeout.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
