package io.egret.control.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Plain-HTTP calls to Egret's own processes (topology masters, scheduler services). {@code java.net.http}'s client
 * is not used for these: on Java 17 it sets up TLS when it is built and keeps a selector thread in native code
 * that it cannot be told to stop, which makes a short-lived CLI wait 300 ms at exit. These calls need neither.
 */
public final class LoopbackHttp {
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public LoopbackHttp(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.readTimeout = requireNonNull(readTimeout, "readTimeout is null");
    }

    /** An HTTP response: its status and its body. */
    public record Response(int status, byte[] body) {
        public Response {
            requireNonNull(body, "body is null");
        }
    }

    /** The connect did not succeed within the connect timeout. */
    public static final class ConnectTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No answer within the read timeout. */
    public static final class ReadTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        ReadTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * Sends a request and reads the whole answer, whatever its status.
     *
     * @param body sent when not null (with {@code Content-Type} from the headers)
     * @throws ConnectTimeoutException when connecting took longer than the connect timeout
     * @throws ReadTimeoutException when the answer took longer than the read timeout
     * @throws IOException for any other failure to talk to the server
     */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            headers.forEach(connection::setRequestProperty);
            byte[] payload = body != null ? body : "POST".equals(method) ? new byte[0] : null;
            if (payload != null) {
                // A fixed length also makes an empty POST carry Content-Length: 0.
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(payload.length);
            }
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeoutException("connect timed out after " + connectTimeout.toMillis() + " ms", e);
            }
            if (payload != null) {
                try (OutputStream output = connection.getOutputStream()) {
                    output.write(payload);
                }
            }
            int status;
            try {
                status = connection.getResponseCode();
            } catch (SocketTimeoutException e) {
                throw new ReadTimeoutException("no answer within " + readTimeout.toMillis() + " ms", e);
            }
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] responseBody = stream == null ? new byte[0] : readAll(stream);
            return new Response(status, responseBody);
        } finally {
            connection.disconnect();
        }
    }

    private byte[] readAll(InputStream stream) throws IOException {
        try (stream) {
            return stream.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new ReadTimeoutException("no complete answer within " + readTimeout.toMillis() + " ms", e);
        }
    }
}
