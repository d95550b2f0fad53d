package io.egret.ports.out;

/** Reaches a host and port that may only be reachable through a jump host. */
public interface TunnelPort {

    /**
     * Returns an endpoint that reaches {@code target}: the target itself when it is directly reachable, else the
     * local end of a tunnel. Closing the returned handle closes the tunnel.
     *
     * @throws io.egret.domain.error.EgretException {@code UNREACHABLE} naming the target and the jump host
     */
    Tunnel open(Endpoint target);

    /** An open path to a target. */
    interface Tunnel extends AutoCloseable {
        /** Where to connect to reach the target. */
        Endpoint endpoint();

        @Override
        void close();
    }
}
