package io.egret.adapters.mesos.protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST whose response is read as a stream, on a socket this class owns: closing it from any thread
 * ends a read blocked on the stream at once. ({@code HttpURLConnection} cannot do that: its chunked stream's
 * {@code close} waits for the lock a blocked read holds, so a silent master would hang the closer too.)
 */
final class StreamingPost implements AutoCloseable {
    private static final int MAX_HEADER_LINE = 16 * 1024;

    private final Socket socket;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private StreamingPost(Socket socket, int status, Map<String, String> headers, InputStream body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    static StreamingPost send(URI target, Map<String, String> requestHeaders, byte[] content, Duration connectTimeout)
            throws IOException {
        boolean tls = "https".equals(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(target.getHost(), port), Math.toIntExact(connectTimeout.toMillis()));
            StringBuilder request = new StringBuilder()
                    .append("POST ")
                    .append(target.getRawPath())
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(target.getHost())
                    .append(':')
                    .append(port)
                    .append("\r\nContent-Length: ")
                    .append(content.length)
                    .append("\r\nConnection: close\r\n");
            requestHeaders.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream output = socket.getOutputStream();
            output.write(request.toString().getBytes(UTF_8));
            output.write(content);
            output.flush();
            InputStream input = new BufferedInputStream(socket.getInputStream());
            String statusLine = line(input);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(input); !header.isEmpty(); header = line(input)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            InputStream body;
            if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                body = new Chunked(input);
            } else if (headers.containsKey("content-length")) {
                body = new Limited(input, Long.parseLong(headers.get("content-length")));
            } else {
                body = input;
            }
            return new StreamingPost(socket, status, headers, body);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException("malformed HTTP response: " + e, e);
        }
    }

    int status() {
        return status;
    }

    /** A response header, by case-insensitive name. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    InputStream body() {
        return body;
    }

    /** The body as text, at most {@code limit} bytes (for error messages). */
    String text(int limit) {
        try {
            return new String(body.readNBytes(limit), UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that matters; a failure to close changes nothing for the caller.
        }
    }

    private static String line(InputStream input) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int next = input.read();
            if (next == -1) {
                throw new EOFException("connection closed inside the HTTP headers");
            }
            if (next == '\n') {
                break;
            }
            if (next != '\r') {
                line.write(next);
            }
            if (line.size() > MAX_HEADER_LINE) {
                throw new IOException("HTTP header line longer than " + MAX_HEADER_LINE + " bytes");
            }
        }
        return line.toString(ISO_8859_1);
    }

    /** HTTP/1.1 chunked transfer decoding. */
    private static final class Chunked extends InputStream {
        private final InputStream input;
        private long remaining;
        private boolean done;

        Chunked(InputStream input) {
            this.input = input;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                String size = line(input);
                int extension = size.indexOf(';');
                remaining = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                if (remaining == 0) {
                    done = true;
                    return -1;
                }
            }
            int read = input.read(buffer, offset, (int) Math.min(length, remaining));
            if (read == -1) {
                throw new EOFException("connection closed inside an HTTP chunk");
            }
            remaining -= read;
            if (remaining == 0) {
                line(input);
            }
            return read;
        }
    }

    /** A body of known length. */
    private static final class Limited extends InputStream {
        private final InputStream input;
        private long remaining;

        Limited(InputStream input, long length) {
            this.input = input;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int next = input.read();
            if (next != -1) {
                remaining--;
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int read = input.read(buffer, offset, (int) Math.min(length, remaining));
            if (read > 0) {
                remaining -= read;
            }
            return read;
        }
    }
}
