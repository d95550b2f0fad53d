package io.egret.adapters.mesos.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Speaks {@code POST /api/v1/scheduler} to a Mesos master with the official protobuf messages
 * ({@code application/x-protobuf}, exactly as the master compares it). SUBSCRIBE opens the event stream; every
 * other call goes on its own connection with the stream's {@code Mesos-Stream-Id}. A {@code 307} from a
 * non-leading master is followed to the leader (its {@code Location} is protocol-relative), and later calls go to
 * the leader directly. The principal's secret is sent only as HTTP Basic credentials and appears in no message.
 */
public final class MasterClient {
    public static final String PATH = "/api/v1/scheduler";
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String STREAM_ID_HEADER = "Mesos-Stream-Id";

    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 2048;

    private final URI configured;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Optional<String> authorization;
    private volatile URI leader;

    /**
     * @param master the master's base URI ({@code http://host:5050}), see {@link #masterUri}
     * @param principal with {@code secret}, sent as HTTP Basic authentication; both empty for none
     */
    public MasterClient(
            URI master, Duration connectTimeout, Duration requestTimeout, String principal, Optional<String> secret) {
        this.configured = requireNonNull(master, "master is null").resolve(PATH);
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout is null");
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(secret, "secret is null");
        this.authorization = principal.isEmpty()
                ? Optional.empty()
                : Optional.of("Basic "
                        + Base64.getEncoder().encodeToString((principal + ":" + secret.orElse("")).getBytes(UTF_8)));
        this.leader = configured;
    }

    /**
     * Heron's {@code heron.mesos.master.uri}: {@code host:port} or an {@code http(s)://host:port} URI.
     *
     * @throws IllegalArgumentException naming what is wrong (ZooKeeper master URIs need a Mesos library)
     */
    public static URI masterUri(String value) {
        String text = requireNonNull(value, "value is null").strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the Mesos master URI is empty");
        }
        if (text.startsWith("zk://")) {
            throw new IllegalArgumentException("the Mesos master URI '" + text + "' names ZooKeeper; give a master's"
                    + " http://host:port (any master: a non-leading one redirects to the leader)");
        }
        URI uri;
        try {
            uri = URI.create(text.contains("://") ? text : "http://" + text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Mesos master URI '" + text + "' is not host:port or a URI", e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the Mesos master URI '" + text + "' must be host:port or http(s)://host:port");
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    /** The master this client last reached (the leader after a redirect), as {@code http://host:port}. */
    public URI currentMaster() {
        URI uri = leader;
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * Sends SUBSCRIBE and returns the open event stream.
     *
     * @throws MesosException when the master refuses the call or cannot be reached
     */
    public Subscription subscribe(Call call) {
        requireNonNull(call, "call is null");
        if (call.getType() != Call.Type.SUBSCRIBE) {
            throw new IllegalArgumentException("subscribe takes a SUBSCRIBE call, not " + call.getType());
        }
        // The stream is read until it breaks: no read timeout here, the caller watches heartbeats instead.
        HttpURLConnection connection = post(call, Optional.empty(), Duration.ZERO);
        String streamId = connection.getHeaderField(STREAM_ID_HEADER);
        if (streamId == null || streamId.isBlank()) {
            connection.disconnect();
            throw new MesosException(
                    0,
                    "the master at " + currentMaster() + " answered SUBSCRIBE without a " + STREAM_ID_HEADER
                            + " header");
        }
        try {
            return new Subscription(connection, streamId, connection.getInputStream());
        } catch (IOException e) {
            connection.disconnect();
            throw new MesosException(0, "cannot read the event stream of " + currentMaster() + ": " + e, e);
        }
    }

    /**
     * Sends any other call on the given stream and expects {@code 202 Accepted} (or 200).
     *
     * @throws MesosException with the master's status and message when it refuses
     */
    public void call(Call call, String streamId) {
        requireNonNull(call, "call is null");
        requireNonNull(streamId, "streamId is null");
        HttpURLConnection connection = post(call, Optional.of(streamId), requestTimeout);
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        } catch (IOException e) {
            // The status was 2xx; an unreadable empty body changes nothing.
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection post(Call call, Optional<String> streamId, Duration readTimeout) {
        byte[] body = call.toByteArray();
        URI target = leader;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) target.toURL().openConnection();
                connection.setRequestMethod("POST");
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
                connection.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", PROTOBUF);
                connection.setRequestProperty("Accept", PROTOBUF);
                HttpURLConnection open = connection;
                streamId.ifPresent(id -> open.setRequestProperty(STREAM_ID_HEADER, id));
                authorization.ifPresent(value -> open.setRequestProperty("Authorization", value));
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream output = connection.getOutputStream()) {
                    output.write(body);
                }
                int status = connection.getResponseCode();
                if (status == 200 || status == 202) {
                    leader = target;
                    return connection;
                }
                if (status == 307) {
                    String location = connection.getHeaderField("Location");
                    connection.disconnect();
                    if (location == null || redirects >= MAX_REDIRECTS) {
                        throw new MesosException(
                                status,
                                "the master at " + authority(target) + " redirected " + call.getType()
                                        + (location == null ? " without a Location" : " too often"));
                    }
                    target = target.resolve(location);
                    if (!target.getPath().equals(PATH)) {
                        target = target.resolve(PATH);
                    }
                    continue;
                }
                String message = errorBody(connection);
                connection.disconnect();
                throw new MesosException(
                        status,
                        "the Mesos master at " + authority(target) + " refused " + call.getType() + " with HTTP "
                                + status + (message.isEmpty() ? "" : ": " + message));
            } catch (IOException e) {
                if (connection != null) {
                    connection.disconnect();
                }
                throw new MesosException(
                        0,
                        "the Mesos master at " + authority(target) + " did not answer " + call.getType() + ": " + e,
                        e);
            }
        }
    }

    private static String authority(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String errorBody(HttpURLConnection connection) {
        try (InputStream error = connection.getErrorStream()) {
            if (error == null) {
                return "";
            }
            byte[] bytes = error.readNBytes(MAX_ERROR_BODY);
            return new String(bytes, UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** An open event stream. Closing it ends the subscription's connection (the master then sees a disconnect). */
    public static final class Subscription implements AutoCloseable {
        private final HttpURLConnection connection;
        private final String streamId;
        private final RecordIo.Reader reader;

        Subscription(HttpURLConnection connection, String streamId, InputStream input) {
            this.connection = connection;
            this.streamId = streamId;
            this.reader = new RecordIo.Reader(input);
        }

        public String streamId() {
            return streamId;
        }

        /**
         * The next event, or empty when the master ended the stream.
         *
         * @throws IOException when the stream broke or carried something that is not an event
         */
        public Optional<Event> next() throws IOException {
            Optional<byte[]> record = reader.next();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Event.parseFrom(record.get()));
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }
}
