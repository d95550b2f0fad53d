package io.egret.adapters.ssh;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSH server to tunnel through, written {@code user@host[:port]} (port 22 when left out; an IPv6 address in
 * brackets).
 */
public record JumpHost(String user, String host, int port) {
    public static final int DEFAULT_PORT = 22;

    private static final Pattern FORM = Pattern.compile(
            "(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

    public JumpHost {
        requireNonNull(user, "user is null");
        requireNonNull(host, "host is null");
        if (user.isEmpty() || host.isEmpty()) {
            throw new IllegalArgumentException("user and host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Reads {@code user@host[:port]}; a missing user is {@code defaultUser} (as {@code ssh} takes the local user).
     *
     * @return empty when the text is not of that form
     */
    public static Optional<JumpHost> parse(String text, String defaultUser) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String host = matcher.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = matcher.group(3) == null ? DEFAULT_PORT : Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new JumpHost(matcher.group(1) == null ? defaultUser : matcher.group(1), host, port));
    }

    @Override
    public String toString() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return user + "@" + shownHost + (port == DEFAULT_PORT ? "" : ":" + port);
    }
}
