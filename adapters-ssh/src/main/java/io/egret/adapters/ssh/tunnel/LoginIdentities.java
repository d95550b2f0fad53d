package io.egret.adapters.ssh.tunnel;

import static java.util.Objects.requireNonNull;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.domain.error.EgretException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

/**
 * The keys offered at login: the ssh-agent's first (when one runs), then the key files. Read-only: nothing is
 * ever added to the agent. A key file protected by a passphrase is left out, since the CLI does not prompt; the
 * agent is the way to use such a key.
 */
final class LoginIdentities implements IdentityRepository {
    private final Optional<IdentityRepository> agent;
    private final List<Identity> files;
    private final List<String> described;

    private LoginIdentities(Optional<IdentityRepository> agent, List<Identity> files, List<String> described) {
        this.agent = agent;
        this.files = List.copyOf(files);
        this.described = List.copyOf(described);
    }

    static LoginIdentities load(SshTunnelConfig config) {
        requireNonNull(config, "config is null");
        List<Identity> files = new ArrayList<>();
        List<String> described = new ArrayList<>();
        JSch loader = new JSch();
        for (Path file : config.identityFiles()) {
            if (!Files.isRegularFile(file)) {
                if (config.identityConfigured()) {
                    throw EgretException.userError("the SSH key " + file + " named by " + config.keyPrefix()
                            + ".tunnel.identity.file does not exist");
                }
                continue;
            }
            try {
                loader.addIdentity(file.toString());
            } catch (JSchException e) {
                throw EgretException.userError("cannot read the SSH key " + file + ": " + e.getMessage());
            }
        }
        for (Identity identity : loader.getIdentityRepository().getIdentities()) {
            if (identity.isEncrypted()) {
                described.add(identity.getName() + " (skipped: passphrase-protected, add it to ssh-agent)");
            } else {
                files.add(identity);
                described.add(identity.getName());
            }
        }
        Optional<IdentityRepository> agent = config.agentSocket().flatMap(LoginIdentities::agent);
        if (agent.isPresent()) {
            described.add(0, "the ssh-agent's keys");
        }
        return new LoginIdentities(agent, files, described);
    }

    private static Optional<IdentityRepository> agent(Path socket) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try {
            IdentityRepository repository =
                    new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
            return repository.getStatus() == RUNNING ? Optional.of(repository) : Optional.empty();
        } catch (AgentProxyException | RuntimeException e) {
            // An agent that cannot be talked to is as good as none: the key files are still offered.
            return Optional.empty();
        }
    }

    boolean isEmpty() {
        return files.isEmpty() && agent.isEmpty();
    }

    /** What was offered, for an error message: file names and whether the agent took part. */
    String describe() {
        return described.isEmpty() ? "no keys" : String.join(", ", described);
    }

    @Override
    public String getName() {
        return "egret-login-identities";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> identities = new Vector<>();
        agent.ifPresent(repository -> {
            try {
                identities.addAll(repository.getIdentities());
            } catch (RuntimeException e) {
                // The agent went away since the start: fall back to the key files.
            }
        });
        identities.addAll(files);
        return identities;
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {
        // Read-only: the user's agent and key files are never changed.
    }
}
