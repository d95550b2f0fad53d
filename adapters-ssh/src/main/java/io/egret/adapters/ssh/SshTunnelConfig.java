package io.egret.adapters.ssh;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One tunnel configuration: Heron's {@code heron.statemgr.tunnel.*} or {@code heron.scheduler.tunnel.*} keys, and
 * Egret's additions for the login.
 *
 * @param keyPrefix the keys' common prefix, {@code heron.statemgr} or {@code heron.scheduler}, named in errors
 * @param jumpHost {@code <prefix>.tunnel.host} as written, {@code user@host[:port]}; read only when a tunnel is
 *     needed, so a cluster whose targets are reachable directly needs none
 * @param localUser the SSH user when {@code jumpHost} names none
 * @param connectionTimeout {@code <prefix>.tunnel.connection.timeout.ms}: one direct probe, and one verification
 *     attempt of a new tunnel
 * @param connectionRetryCount {@code <prefix>.tunnel.connection.retry.count}: direct probes before tunnelling
 * @param retryInterval {@code <prefix>.tunnel.retry.interval.ms}: the pause between probes and between
 *     verification attempts
 * @param verifyCount {@code <prefix>.tunnel.verify.count}: verification attempts of a new tunnel; the SSH
 *     connection and login together get {@code connectionTimeout × verifyCount}
 * @param identityFiles private keys to offer, in order; files that do not exist are skipped unless
 *     {@code identityConfigured}
 * @param identityConfigured whether the operator named the key ({@code <prefix>.tunnel.identity.file}): then it
 *     must exist
 * @param knownHosts the {@code known_hosts} file the jump host's key is checked against
 * @param strictHostKeyChecking refuse a jump host whose key is not in {@code knownHosts} (never written to)
 * @param agentSocket the ssh-agent's socket ({@code SSH_AUTH_SOCK}), whose keys are offered first
 */
public record SshTunnelConfig(
        String keyPrefix,
        String jumpHost,
        String localUser,
        Duration connectionTimeout,
        int connectionRetryCount,
        Duration retryInterval,
        int verifyCount,
        List<Path> identityFiles,
        boolean identityConfigured,
        Path knownHosts,
        boolean strictHostKeyChecking,
        Optional<Path> agentSocket) {
    /** Heron's value of an unset {@code tunnel.host}. */
    public static final String NO_HOST = "no.tunnel.host.specified";

    public SshTunnelConfig {
        requireNonNull(keyPrefix, "keyPrefix is null");
        requireNonNull(jumpHost, "jumpHost is null");
        requireNonNull(localUser, "localUser is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(retryInterval, "retryInterval is null");
        identityFiles = List.copyOf(requireNonNull(identityFiles, "identityFiles is null"));
        requireNonNull(knownHosts, "knownHosts is null");
        requireNonNull(agentSocket, "agentSocket is null");
        if (connectionTimeout.isNegative() || connectionTimeout.isZero() || retryInterval.isNegative()) {
            throw new IllegalArgumentException("tunnel timeouts must be positive");
        }
        if (connectionRetryCount < 1 || verifyCount < 1) {
            throw new IllegalArgumentException("tunnel probe counts must be at least 1");
        }
    }

    /** The keys {@code ssh} offers by default, in its order: {@code id_ed25519}, {@code id_ecdsa}, {@code id_rsa}. */
    public static List<Path> defaultIdentityFiles(Path sshDirectory) {
        return List.of(
                sshDirectory.resolve("id_ed25519"), sshDirectory.resolve("id_ecdsa"), sshDirectory.resolve("id_rsa"));
    }

    /** The budget of the SSH connection and login. */
    public Duration loginTimeout() {
        return connectionTimeout.multipliedBy(verifyCount);
    }
}
