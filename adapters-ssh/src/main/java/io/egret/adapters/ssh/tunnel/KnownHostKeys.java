package io.egret.adapters.ssh.tunnel;

import static java.util.Objects.requireNonNull;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * The user's {@code known_hosts}, read-only: a key accepted because strict checking is off is not written back.
 * Remembers the outcome of the last check, so that a refusal can say whether the key was unknown or changed.
 */
final class KnownHostKeys implements HostKeyRepository {
    /** What the last check found. */
    enum Outcome {
        NOT_CHECKED,
        KNOWN,
        UNKNOWN,
        CHANGED
    }

    private final HostKeyRepository file;
    private volatile Outcome last = Outcome.NOT_CHECKED;

    KnownHostKeys(HostKeyRepository file) {
        this.file = requireNonNull(file, "file is null");
    }

    Outcome lastOutcome() {
        return last;
    }

    @Override
    public int check(String host, byte[] key) {
        int result = file.check(host, key);
        last = switch (result) {
            case OK -> Outcome.KNOWN;
            case CHANGED -> Outcome.CHANGED;
            default -> Outcome.UNKNOWN;
        };
        return result;
    }

    @Override
    public void add(HostKey hostkey, UserInfo userInfo) {
        // Read-only: the operator's known_hosts is theirs to change.
    }

    @Override
    public void remove(String host, String type) {
        // Read-only.
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // Read-only.
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return file.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return file.getHostKey(host, type);
    }
}
