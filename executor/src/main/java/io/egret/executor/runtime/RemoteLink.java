package io.egret.executor.runtime;

import com.esotericsoftware.kryo.io.Output;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The connection from this container's stream manager to one component's instances in another container (one
 * lane, see {@link TopologyLayout#laneOf}): a bounded queue of batches and a writer
 * thread that encodes them into length-prefixed frames. While the other container is unreachable the queue fills
 * and senders wait (backpressure); the writer reconnects to whatever address the latest physical plan gives.
 */
final class RemoteLink implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger(RemoteLink.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int RETRY_MILLIS = 200;
    static final int MAGIC = 0x45475254;

    private final int sourceContainer;
    private final int targetContainer;
    private final String targetComponent;
    private final String topologyId;
    private final TupleCodec codec;
    private final BlockingQueue<TupleBatch> queue;
    private final Thread writer;
    private volatile InetSocketAddress address;
    private volatile boolean running = true;
    private volatile long lostTuples;
    private volatile long abandonAt = Long.MAX_VALUE;

    RemoteLink(
            String topologyId,
            int sourceContainer,
            int targetContainer,
            String targetComponent,
            TupleCodec codec,
            int queueBatches) {
        this.topologyId = topologyId;
        this.sourceContainer = sourceContainer;
        this.targetContainer = targetContainer;
        this.targetComponent = targetComponent;
        this.codec = codec;
        this.queue = new ArrayBlockingQueue<>(queueBatches);
        this.writer = new Thread(
                this::writeLoop, "link-" + sourceContainer + "-to-" + targetContainer + "-" + targetComponent);
        writer.setDaemon(true);
    }

    int targetContainer() {
        return targetContainer;
    }

    String targetComponent() {
        return targetComponent;
    }

    void start() {
        writer.start();
    }

    /** Points the link at the target's current data address; the writer reconnects when it changes. */
    void setAddress(InetSocketAddress newAddress) {
        this.address = newAddress;
    }

    long lostTuples() {
        return lostTuples;
    }

    /**
     * Senders stop waiting for queue space after {@code drain}: during shutdown a dead peer must not hold the
     * container's threads.
     */
    void abandonAfter(Duration drain) {
        abandonAt = System.nanoTime() + drain.toNanos();
    }

    /** Queues a batch, waiting while the queue is full; gives up only when the link closes or is abandoned. */
    void send(TupleBatch batch) {
        try {
            while (!queue.offer(batch, 20, TimeUnit.MILLISECONDS)) {
                if (!running || System.nanoTime() > abandonAt) {
                    lostTuples += batch.size;
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        Output output = new Output(64 * 1024, -1);
        Socket socket = null;
        DataOutputStream stream = null;
        InetSocketAddress connectedTo = null;
        boolean reportedFailure = false;
        while ((running || !queue.isEmpty()) && !Thread.currentThread().isInterrupted()) {
            InetSocketAddress target = address;
            if (socket == null || !target.equals(connectedTo)) {
                if (!running) {
                    // Closing and not connected: what is still queued cannot be delivered.
                    break;
                }
                closeQuietly(socket);
                socket = null;
                if (target == null) {
                    sleep(RETRY_MILLIS);
                    continue;
                }
                try {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSendBufferSize(256 * 1024);
                    socket.connect(target, CONNECT_TIMEOUT_MILLIS);
                    stream = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
                    stream.writeInt(MAGIC);
                    stream.writeUTF(topologyId);
                    stream.writeInt(sourceContainer);
                    stream.flush();
                    connectedTo = target;
                    if (reportedFailure) {
                        LOGGER.log(
                                Level.INFO,
                                "link to " + targetComponent + " in container " + targetContainer + " at " + target
                                        + " is up again");
                    }
                    reportedFailure = false;
                } catch (IOException e) {
                    closeQuietly(socket);
                    socket = null;
                    if (!reportedFailure) {
                        LOGGER.log(
                                Level.WARNING,
                                "cannot reach " + targetComponent + " in container " + targetContainer + " at " + target
                                        + ": " + e.getMessage() + "; retrying until the physical plan changes");
                        reportedFailure = true;
                    }
                    if (!running) {
                        return;
                    }
                    sleep(RETRY_MILLIS);
                    continue;
                }
            }
            TupleBatch batch;
            try {
                batch = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (batch == null) {
                continue;
            }
            // Tuples taken off the queue and not yet flushed: all lost if the write fails.
            long unflushed = 0;
            try {
                int written = 0;
                do {
                    unflushed += batch.size;
                    output.reset();
                    codec.write(output, batch);
                    stream.writeInt(output.position());
                    stream.write(output.getBuffer(), 0, output.position());
                    written++;
                } while (written < 16 && (batch = queue.poll()) != null);
                stream.flush();
            } catch (IOException e) {
                lostTuples += unflushed;
                LOGGER.log(
                        Level.WARNING,
                        "link to " + targetComponent + " in container " + targetContainer + " broke: "
                                + e.getMessage());
                reportedFailure = true;
                closeQuietly(socket);
                socket = null;
                connectedTo = null;
            }
        }
        closeQuietly(socket);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to release beyond the socket itself.
        }
    }

    /** Stops after writing what is queued, waiting at most {@code millis}. */
    void close(long millis) {
        running = false;
        try {
            writer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }

    @Override
    public void close() {
        close(1_000);
    }
}
