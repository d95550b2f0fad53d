package io.egret.control;

import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tunnel port for one name that only it knows: each opened tunnel is a local TCP relay to the loopback port the
 * name stands for, so a client that uses the tunnel's endpoint reaches the target and one that does not, fails.
 */
final class TestingRelay implements TunnelPort {
    private final String name;
    private final int port;
    private final AtomicInteger opened = new AtomicInteger();
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "testing-relay");
        thread.setDaemon(true);
        return thread;
    });

    TestingRelay(String name, int port) {
        this.name = name;
        this.port = port;
    }

    @Override
    public synchronized Tunnel open(Endpoint target) {
        if (!target.equals(new Endpoint(name, port))) {
            throw new IllegalArgumentException("no route to " + target);
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        listeners.add(listener);
        opened.incrementAndGet();
        threads.execute(() -> accept(listener));
        Endpoint local = new Endpoint("127.0.0.1", listener.getLocalPort());
        return new Tunnel() {
            @Override
            public Endpoint endpoint() {
                return local;
            }

            @Override
            public void close() {
                closeListener(listener);
            }
        };
    }

    int opened() {
        return opened.get();
    }

    /** Tunnels opened and not yet closed. */
    synchronized int open() {
        return (int) listeners.stream().filter(listener -> !listener.isClosed()).count();
    }

    void stop() {
        threads.shutdownNow();
    }

    private synchronized void closeListener(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                threads.execute(() -> pipe(client, upstream));
                threads.execute(() -> pipe(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed.
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }
}
