package io.egret.adapters.mesos.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator answers malformed requests exactly as the master does (reference/cluster-apis.md §2.1). */
final class MesosMasterSimulatorTest {
    @TempDir
    Path temp;

    private MesosMasterSimulator master;

    @BeforeEach
    void start() throws IOException {
        master = new MesosMasterSimulator(temp, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        master.close();
    }

    @Test
    void contentTypeIsComparedByteForByte() throws IOException {
        Call teardown = Call.newBuilder()
                .setType(Call.Type.TEARDOWN)
                .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                .build();

        assertThat(postWithoutContentType(master.uri(), teardown.toByteArray()))
                .startsWith("HTTP/1.1 400 ")
                .endsWith("Expecting 'Content-Type' to be present");
        assertThat(post(
                        master.uri(),
                        teardown.toByteArray(),
                        Map.of("Content-Type", "application/json; charset=UTF-8")))
                .isEqualTo("415 Expecting 'Content-Type' of application/json or application/x-protobuf");
        assertThat(post(master.uri(), new byte[] {1, 2, 3}, Map.of("Content-Type", "application/x-protobuf")))
                .startsWith("400 Failed to parse body into Call protobuf");
    }

    @Test
    void nonSubscribeCallsNeedTheStreamIdOfAKnownFramework() throws IOException {
        Call teardown = Call.newBuilder()
                .setType(Call.Type.TEARDOWN)
                .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
                .build();

        assertThat(post(master.uri(), teardown.toByteArray(), Map.of("Content-Type", "application/x-protobuf")))
                .isEqualTo("400 All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        assertThat(post(
                        master.uri(),
                        teardown.toByteArray(),
                        Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "s")))
                .isEqualTo("400 Framework cannot be found");
    }

    @Test
    void subscribeMustNotCarryAStreamIdAndItsIdsMustAgree() throws IOException {
        FrameworkInfo info = FrameworkInfo.newBuilder()
                .setUser("u")
                .setName("n")
                .setId(FrameworkID.newBuilder().setValue("a"))
                .build();
        Call subscribe = Call.newBuilder()
                .setType(Call.Type.SUBSCRIBE)
                .setFrameworkId(FrameworkID.newBuilder().setValue("b"))
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info))
                .build();
        Map<String, String> headers =
                Map.of("Content-Type", "application/x-protobuf", "Accept", "application/x-protobuf");

        assertThat(post(
                        master.uri(),
                        subscribe.toByteArray(),
                        Map.of("Content-Type", "application/x-protobuf", "Mesos-Stream-Id", "s")))
                .isEqualTo("400 Subscribe calls should not include the 'Mesos-Stream-Id' header");
        assertThat(post(master.uri(), subscribe.toByteArray(), headers))
                .isEqualTo("400 Failed to validate scheduler::Call: 'framework_id' differs from"
                        + " 'subscribe.framework_info.id'");
    }

    @Test
    void aNonLeadingMasterRedirectsWithAProtocolRelativeLocation() throws IOException {
        try (MesosMasterSimulator follower = new MesosMasterSimulator(temp.resolve("f"), Duration.ofSeconds(15))) {
            follower.redirectTo(master);
            HttpURLConnection connection =
                    open(follower.uri(), new byte[] {0}, Map.of("Content-Type", "application/x-protobuf"));

            assertThat(connection.getResponseCode()).isEqualTo(307);
            assertThat(connection.getHeaderField("Location"))
                    .isEqualTo("//127.0.0.1:" + master.uri().getPort() + "/api/v1/scheduler");
        }
    }

    /** HttpURLConnection always sends a Content-Type with a body, so this one is written by hand. */
    private static String postWithoutContentType(URI master, byte[] body) throws IOException {
        try (java.net.Socket socket = new java.net.Socket(master.getHost(), master.getPort())) {
            OutputStream output = socket.getOutputStream();
            output.write(("POST /api/v1/scheduler HTTP/1.1\r\nHost: " + master.getAuthority() + "\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(UTF_8));
            output.write(body);
            output.flush();
            String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
            String statusLine = response.substring(0, response.indexOf("\r\n"));
            String payload = response.substring(response.indexOf("\r\n\r\n") + 4);
            return statusLine + " " + payload;
        }
    }

    private static String post(URI master, byte[] body, Map<String, String> headers) throws IOException {
        HttpURLConnection connection = open(master, body, headers);
        int status = connection.getResponseCode();
        String message;
        try (InputStream error = connection.getErrorStream()) {
            message = error == null ? "" : new String(error.readAllBytes(), UTF_8);
        }
        return status + " " + message;
    }

    private static HttpURLConnection open(URI master, byte[] body, Map<String, String> headers) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) master.resolve("/api/v1/scheduler").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setInstanceFollowRedirects(false);
        connection.setDoOutput(true);
        // HttpURLConnection adds a form Content-Type to a POST unless one is set: an empty value is dropped.
        headers.forEach(connection::setRequestProperty);
        try (OutputStream output = connection.getOutputStream()) {
            output.write(body);
        }
        return connection;
    }
}
