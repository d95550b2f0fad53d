package io.egret.adapters.ssh.tunnel;

import com.jcraft.jsch.JSchException;
import io.egret.adapters.ssh.JumpHost;
import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.Endpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** Turns what JSch reports into one line that says what failed and what to do about it. */
final class SshFailures {
    private final SshTunnelConfig config;

    SshFailures(SshTunnelConfig config) {
        this.config = config;
    }

    /** A failure to connect or log in to the jump host. */
    EgretException login(
            JSchException e,
            JumpHost jump,
            Endpoint target,
            LoginIdentities identities,
            KnownHostKeys.Outcome hostKey,
            Optional<String> hostKeyFingerprint) {
        String message = oneLine(e.getMessage());
        String prefix =
                "cannot tunnel to " + target + " through " + jump + " (" + config.keyPrefix() + ".tunnel.host): ";
        if (hostKey == KnownHostKeys.Outcome.CHANGED) {
            return EgretException.userError(prefix + "its host key differs from the one recorded in "
                    + config.knownHosts() + "; if the host was reinstalled, remove the old entry ('ssh-keygen -R "
                    + jump.host() + "')");
        }
        if (hostKey == KnownHostKeys.Outcome.UNKNOWN) {
            return EgretException.userError(prefix + "its host key is not in " + config.knownHosts()
                    + hostKeyFingerprint
                            .map(fingerprint -> " (fingerprint " + fingerprint + ")")
                            .orElse("")
                    + "; after checking the fingerprint add it with 'ssh-keyscan -p " + jump.port() + " " + jump.host()
                    + " >> " + config.knownHosts() + "', or set " + config.keyPrefix()
                    + ".tunnel.strict.host.key.checking: false");
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return EgretException.userError(prefix + "the server refused the login of user '" + jump.user()
                    + "' with " + identities.describe() + "; add the public key to ~" + jump.user()
                    + "/.ssh/authorized_keys there, or name another key with " + config.keyPrefix()
                    + ".tunnel.identity.file");
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnknownHostException) {
            return EgretException.unreachable(prefix + "the name '" + jump.host() + "' does not resolve", e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return EgretException.unreachable(
                    prefix + "cannot connect to port " + jump.port() + ": " + oneLine(cause.getMessage()), e);
        }
        if (cause instanceof SocketTimeoutException
                || message.toLowerCase(Locale.ROOT).contains("timeout")) {
            return EgretException.unreachable(
                    prefix + "no SSH answer within " + config.loginTimeout().toMillis() + " ms (" + config.keyPrefix()
                            + ".tunnel.connection.timeout.ms × verify.count)",
                    e);
        }
        return EgretException.unreachable(prefix + message, e);
    }

    /** The jump host took the login but cannot reach the target. */
    EgretException verification(JSchException e, JumpHost jump, Endpoint target) {
        return EgretException.unreachable(
                "cannot tunnel to " + target + " through " + jump + ": the jump host could not open a connection to it"
                        + " in " + config.verifyCount() + " attempts (" + config.keyPrefix() + ".tunnel.verify.count): "
                        + oneLine(e.getMessage()),
                e);
    }

    EgretException noJumpHost(Endpoint target) {
        return EgretException.userError(target + " is not reachable directly and " + config.keyPrefix()
                + ".tunnel.host is not set; set it to user@host[:port] of an SSH server that can reach it");
    }

    EgretException badJumpHost(Endpoint target) {
        return EgretException.userError("cannot tunnel to " + target + ": " + config.keyPrefix() + ".tunnel.host = '"
                + config.jumpHost() + "' is not user@host[:port]");
    }

    EgretException noKeys(JumpHost jump, Endpoint target, LoginIdentities identities) {
        return EgretException.userError("cannot tunnel to " + target + " through " + jump + ": no usable SSH key ("
                + identities.describe() + "); create one with ssh-keygen, start ssh-agent, or name one with "
                + config.keyPrefix() + ".tunnel.identity.file");
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        return message.strip().replaceAll("\\s+", " ");
    }
}
