package io.egret.adapters.zookeeper;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.ports.out.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A ZooKeeper connect string, {@code host:port[,host:port...][/chroot]}, as Heron's
 * {@code heron.statemgr.connection.string} holds it. The wiring may replace each server with the local end of a
 * tunnel ({@link #mapServers}); the chroot stays.
 *
 * @param servers the quorum, in the order given
 * @param chroot the path every znode is relative to, starting with {@code /}; empty for none
 */
public record ConnectString(List<Endpoint> servers, Optional<String> chroot) {
    private static final int DEFAULT_PORT = 2181;

    public ConnectString {
        servers = List.copyOf(requireNonNull(servers, "servers is null"));
        requireNonNull(chroot, "chroot is null");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a connect string needs at least one server");
        }
        chroot.ifPresent(path -> {
            if (!path.startsWith("/") || path.length() == 1 || path.endsWith("/") || path.contains("//")) {
                throw new IllegalArgumentException("invalid chroot '" + path + "'");
            }
        });
    }

    /**
     * Parses Heron's connection string; whitespace around entries is ignored (Heron strips it too).
     *
     * @throws EgretException {@code USER_ERROR} naming the key and what is wrong
     */
    public static ConnectString parse(String value) {
        requireNonNull(value, "value is null");
        String text = value.strip();
        String quorum = text;
        Optional<String> chroot = Optional.empty();
        int slash = text.indexOf('/');
        if (slash >= 0) {
            quorum = text.substring(0, slash);
            String path = text.substring(slash);
            if (!path.equals("/")) {
                chroot = Optional.of(path);
            }
        }
        List<Endpoint> servers = new ArrayList<>();
        for (String entry : quorum.split(",")) {
            String server = entry.strip();
            if (server.isEmpty()) {
                continue;
            }
            servers.add(endpoint(server, value));
        }
        if (servers.isEmpty()) {
            throw invalid(value, "it names no server");
        }
        try {
            return new ConnectString(servers, chroot);
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage());
        }
    }

    /** The same quorum with every server replaced, e.g. by the local end of a tunnel to it. */
    public ConnectString mapServers(UnaryOperator<Endpoint> mapping) {
        requireNonNull(mapping, "mapping is null");
        return new ConnectString(servers.stream().map(mapping).toList(), chroot);
    }

    /** The same quorum without the chroot. */
    public ConnectString withoutChroot() {
        return new ConnectString(servers, Optional.empty());
    }

    /** The form ZooKeeper's client takes. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Endpoint server : servers) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(server);
        }
        chroot.ifPresent(text::append);
        return text.toString();
    }

    private static Endpoint endpoint(String server, String value) {
        int colon = server.lastIndexOf(':');
        if (colon < 0) {
            return new Endpoint(server, DEFAULT_PORT);
        }
        String host = server.substring(0, colon).strip();
        if (host.isEmpty()) {
            throw invalid(value, "server '" + server + "' has no host");
        }
        try {
            int port = Integer.parseInt(server.substring(colon + 1).strip());
            return new Endpoint(host, port);
        } catch (IllegalArgumentException e) {
            throw invalid(value, "server '" + server + "' has no valid port (1-65535)");
        }
    }

    private static EgretException invalid(String value, String why) {
        return EgretException.userError("invalid ZooKeeper connection string '" + value
                + "' in heron.statemgr.connection.string: " + why + "; expected host:port[,host:port...][/chroot]");
    }
}
