package io.egret.executor.protocol;

import static java.util.Objects.requireNonNull;

import io.egret.codec.EgretJson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;

/**
 * One control connection: length-prefixed JSON frames. Sending is synchronized because heartbeats and replies
 * come from different threads; receiving belongs to one reader thread.
 */
public final class ControlChannel implements AutoCloseable {
    /** Frames larger than this are refused: a control message is a plan at most, never megabytes. */
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream input;
    private final DataOutputStream output;

    public ControlChannel(Socket socket) throws IOException {
        this.socket = requireNonNull(socket, "socket is null");
        socket.setTcpNoDelay(true);
        this.input = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.output = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    public synchronized void send(ControlMessage message) throws IOException {
        byte[] bytes = EgretJson.mapper().writerFor(ControlMessage.class).writeValueAsBytes(message);
        output.writeInt(bytes.length);
        output.write(bytes);
        output.flush();
    }

    /**
     * Waits for the next message.
     *
     * @throws EOFException when the other side closed the connection
     */
    public ControlMessage receive() throws IOException {
        int length = input.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("control frame of " + length + " bytes is out of range");
        }
        byte[] bytes = new byte[length];
        input.readFully(bytes);
        return EgretJson.mapper().readValue(bytes, ControlMessage.class);
    }

    public String remote() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the peer may already be gone, and there is nothing left to release.
        }
    }
}
