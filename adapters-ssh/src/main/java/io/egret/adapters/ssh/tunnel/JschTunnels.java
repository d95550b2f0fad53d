package io.egret.adapters.ssh.tunnel;

import static java.util.Objects.requireNonNull;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.egret.adapters.ssh.JumpHost;
import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tunnels through one jump host with JSch. One SSH session carries every open forward and ends with the last one;
 * {@link #close()} ends it whatever is still open (at CLI exit). Local ends listen on {@code 127.0.0.1} only.
 */
public final class JschTunnels implements TunnelPort, AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final int KEEP_ALIVE_MILLIS = 15_000;
    private static final int KEEP_ALIVE_COUNT = 3;

    private final SshTunnelConfig config;
    private final DirectProbe probe;
    private final SshFailures failures;
    private final Set<Integer> forwards = new HashSet<>();
    private Session session;

    public JschTunnels(SshTunnelConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.probe = new DirectProbe(config.connectionTimeout(), config.retryInterval());
        this.failures = new SshFailures(config);
    }

    @Override
    public Tunnel open(Endpoint target) {
        requireNonNull(target, "target is null");
        if (probe.reachable(target, config.connectionRetryCount())) {
            return new Direct(target);
        }
        if (isLoopback(target.host())) {
            // Through the jump host this would reach the jump host's own loopback, not this machine's: tunnelling
            // cannot help, so the caller connects directly and reports the failure in its own terms (which server,
            // which timeout key), as Heron's localzk files (tunnel needed, loopback ZooKeeper) expect.
            return new Direct(target);
        }
        JumpHost jump = jumpHost(target);
        synchronized (this) {
            Session current = session(jump, target);
            verify(current, jump, target);
            int localPort;
            try {
                localPort = current.setPortForwardingL(
                        LOOPBACK,
                        0,
                        target.host(),
                        target.port(),
                        null,
                        Math.toIntExact(config.connectionTimeout().toMillis()));
            } catch (JSchException e) {
                endSessionIfIdle();
                throw EgretException.unreachable(
                        "cannot open a local port for the tunnel to " + target + ": "
                                + SshFailures.oneLine(e.getMessage()),
                        e);
            }
            forwards.add(localPort);
            return new Forward(target, new Endpoint(LOOPBACK, localPort));
        }
    }

    /** Ends the session and every forward it carries. */
    @Override
    public synchronized void close() {
        forwards.clear();
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost")
                || host.startsWith("127.")
                || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1");
    }

    private JumpHost jumpHost(Endpoint target) {
        if (config.jumpHost().isBlank() || config.jumpHost().equals(SshTunnelConfig.NO_HOST)) {
            throw failures.noJumpHost(target);
        }
        return JumpHost.parse(config.jumpHost(), config.localUser()).orElseThrow(() -> failures.badJumpHost(target));
    }

    private Session session(JumpHost jump, Endpoint target) {
        if (session != null && session.isConnected()) {
            return session;
        }
        LoginIdentities identities = LoginIdentities.load(config);
        if (identities.isEmpty()) {
            throw failures.noKeys(jump, target, identities);
        }
        JSch jsch = new JSch();
        jsch.setIdentityRepository(identities);
        Session created;
        KnownHostKeys hostKeys;
        try {
            if (Files.isRegularFile(config.knownHosts())) {
                jsch.setKnownHosts(config.knownHosts().toString());
            }
            hostKeys = new KnownHostKeys(jsch.getHostKeyRepository());
            created = jsch.getSession(jump.user(), jump.host(), jump.port());
        } catch (JSchException e) {
            throw failures.login(e, jump, target, identities, KnownHostKeys.Outcome.NOT_CHECKED, Optional.empty());
        }
        created.setHostKeyRepository(hostKeys);
        created.setConfig("StrictHostKeyChecking", config.strictHostKeyChecking() ? "yes" : "no");
        created.setConfig("PreferredAuthentications", "publickey");
        // Never keeps the CLI's JVM alive, even if a caller forgets to close.
        created.setDaemonThread(true);
        try {
            created.connect(Math.toIntExact(config.loginTimeout().toMillis()));
        } catch (JSchException e) {
            created.disconnect();
            throw failures.login(e, jump, target, identities, hostKeys.lastOutcome(), fingerprint(jsch, created));
        }
        try {
            // A long command (submit --wait-until RUNNING) keeps the session idle for minutes; keep-alives stop a
            // firewall or NAT from dropping it, and end it when the jump host stops answering.
            created.setServerAliveInterval(KEEP_ALIVE_MILLIS);
            created.setServerAliveCountMax(KEEP_ALIVE_COUNT);
        } catch (JSchException e) {
            created.disconnect();
            throw failures.login(e, jump, target, identities, hostKeys.lastOutcome(), Optional.empty());
        }
        session = created;
        return created;
    }

    /** The key the jump host presented, once the key exchange got that far. */
    private static Optional<String> fingerprint(JSch jsch, Session session) {
        HostKey key = session.getHostKey();
        return key == null ? Optional.empty() : Optional.ofNullable(key.getFingerPrint(jsch));
    }

    /**
     * Opens (and closes) a channel to the target through the jump host: a forward's local end accepts connections
     * even when the far side cannot reach the target, so only this proves the tunnel leads somewhere.
     */
    private void verify(Session current, JumpHost jump, Endpoint target) {
        JSchException last = null;
        for (int attempt = 1; attempt <= config.verifyCount(); attempt++) {
            Channel channel = null;
            try {
                channel = current.openChannel("direct-tcpip");
                ChannelDirectTCPIP direct = (ChannelDirectTCPIP) channel;
                direct.setHost(target.host());
                direct.setPort(target.port());
                direct.connect(Math.toIntExact(config.connectionTimeout().toMillis()));
                return;
            } catch (JSchException e) {
                last = e;
            } finally {
                if (channel != null) {
                    channel.disconnect();
                }
            }
            if (!current.isConnected()) {
                break;
            }
            if (attempt < config.verifyCount()) {
                DirectProbe.pause(config.retryInterval());
            }
        }
        endSessionIfIdle();
        throw failures.verification(last, jump, target);
    }

    private synchronized void closeForward(int localPort) {
        if (!forwards.remove(localPort) || session == null) {
            return;
        }
        try {
            session.delPortForwardingL(LOOPBACK, localPort);
        } catch (JSchException e) {
            // The session is already gone: nothing is left listening.
        }
        endSessionIfIdle();
    }

    private synchronized void endSessionIfIdle() {
        if (forwards.isEmpty() && session != null) {
            session.disconnect();
            session = null;
        }
    }

    /** The target itself: reachable without a tunnel. */
    private record Direct(Endpoint endpoint) implements Tunnel {
        @Override
        public void close() {
            // Nothing was opened.
        }
    }

    /** A local port forward; closing it removes the forward. */
    private final class Forward implements Tunnel {
        private final Endpoint target;
        private final Endpoint local;

        Forward(Endpoint target, Endpoint local) {
            this.target = target;
            this.local = local;
        }

        @Override
        public Endpoint endpoint() {
            return local;
        }

        @Override
        public void close() {
            closeForward(local.port());
        }

        @Override
        public String toString() {
            return local + " -> " + target;
        }
    }
}
