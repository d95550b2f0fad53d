package io.egret.adapters.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP relay on loopback that counts the bytes clients send through it: what an upload costs on the wire. */
public final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final AtomicLong fromClients = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "counting-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> sockets = new ArrayList<>();

    public CountingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public long bytesFromClients() {
        return fromClients.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                threads.execute(() -> pump(client, server, fromClients));
                threads.execute(() -> pump(server, client, new AtomicLong()));
            } catch (IOException e) {
                // Closed listener: the proxy is shutting down; a failed connect drops that one client.
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream input = from.getInputStream();
                OutputStream output = to.getOutputStream()) {
            int read;
            while ((read = input.read(buffer)) >= 0) {
                counter.addAndGet(read);
                output.write(buffer, 0, read);
                output.flush();
            }
        } catch (IOException e) {
            // One side closed: close the other below, as a real connection would end.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
        synchronized (sockets) {
            sockets.forEach(CountingProxy::closeQuietly);
        }
        threads.shutdownNow();
    }
}
