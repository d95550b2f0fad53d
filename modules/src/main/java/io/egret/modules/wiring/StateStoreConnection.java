package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state store's connection string ({@code heron.statemgr.connection.string}) as this process can reach it,
 * whatever the store. A list of {@code host:port} servers, with an optional {@code /chroot} after the last one, has
 * each server replaced by where the state manager's tunnel port reaches it: the server itself, or the local end of
 * a tunnel through the jump host. A server that cannot be reached either way is left out, as Heron did; when none
 * is left, the first server's error is the error. A string that is not such a list ({@code LOCALMODE}) is returned
 * as it is.
 *
 * <p>A store that connects to servers takes {@link #reachable()} instead of the configured string, or, when it parses
 * the string itself (a default port, a chroot of its own rules), maps each server through {@link #reach}. Tunnels
 * are opened on the first use of a server and kept until {@link #close()}, which the composition calls at exit.
 */
public final class StateStoreConnection implements AutoCloseable {
    private final String configured;
    private final TunnelPort route;
    private final Map<Endpoint, TunnelPort.Tunnel> tunnels = new LinkedHashMap<>();
    private String reachable;

    public StateStoreConnection(String configured, TunnelPort route) {
        this.configured = requireNonNull(configured, "configured is null");
        this.route = requireNonNull(route, "route is null");
    }

    /** The configured connection string, unchanged. */
    public String configured() {
        return configured;
    }

    /**
     * The connection string with every server replaced by where it is reachable.
     *
     * @throws EgretException {@code UNREACHABLE} (or {@code USER_ERROR} for a tunnel misconfiguration) when no
     *     server can be reached
     */
    public synchronized String reachable() {
        if (reachable == null) {
            reachable = rewrite(configured, this::reach);
        }
        return reachable;
    }

    /**
     * Where one configured server is reachable: itself, or the local end of a tunnel to it (opened once).
     *
     * @throws EgretException {@code UNREACHABLE} (or {@code USER_ERROR} for a tunnel misconfiguration)
     */
    public synchronized Endpoint reach(Endpoint server) {
        requireNonNull(server, "server is null");
        TunnelPort.Tunnel tunnel = tunnels.get(server);
        if (tunnel == null) {
            tunnel = route.open(server);
            tunnels.put(server, tunnel);
        }
        return tunnel.endpoint();
    }

    @Override
    public synchronized void close() {
        for (TunnelPort.Tunnel tunnel : tunnels.values()) {
            tunnel.close();
        }
        tunnels.clear();
        reachable = null;
    }

    /**
     * Rewrites a {@code host:port[,host:port...][/chroot]} list through {@code reach}; anything else is returned
     * unchanged.
     */
    static String rewrite(String connection, Function<Endpoint, Endpoint> reach) {
        Optional<ServerList> parsed = ServerList.parse(connection);
        if (parsed.isEmpty()) {
            return connection;
        }
        List<String> kept = new ArrayList<>();
        EgretException first = null;
        for (Endpoint server : parsed.get().servers()) {
            try {
                Endpoint endpoint = reach.apply(server);
                kept.add(endpoint.host() + ":" + endpoint.port());
            } catch (EgretException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (kept.isEmpty()) {
            throw first;
        }
        return String.join(",", kept) + parsed.get().chroot();
    }

    /** Servers and the chroot suffix ({@code ""} when there is none). */
    record ServerList(List<Endpoint> servers, String chroot) {
        static Optional<ServerList> parse(String connection) {
            String text = connection.replaceAll("\\s+", "");
            int slash = text.indexOf('/');
            String chroot = slash < 0 ? "" : text.substring(slash);
            String hosts = slash < 0 ? text : text.substring(0, slash);
            if (hosts.isEmpty()) {
                return Optional.empty();
            }
            List<Endpoint> servers = new ArrayList<>();
            for (String entry : hosts.split(",", -1)) {
                int colon = entry.lastIndexOf(':');
                if (colon <= 0 || colon == entry.length() - 1) {
                    return Optional.empty();
                }
                String port = entry.substring(colon + 1);
                if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
                    return Optional.empty();
                }
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    return Optional.empty();
                }
                String host = entry.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                servers.add(new Endpoint(host, number));
            }
            return Optional.of(new ServerList(servers, chroot));
        }
    }
}
