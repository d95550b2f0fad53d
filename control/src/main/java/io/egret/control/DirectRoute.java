package io.egret.control;

import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;

/** Reaches every target as it is: for clusters whose masters (or state store) need no tunnel. */
public enum DirectRoute implements TunnelPort {
    INSTANCE;

    @Override
    public Tunnel open(Endpoint target) {
        return new Direct(target);
    }

    private record Direct(Endpoint endpoint) implements Tunnel {
        @Override
        public void close() {
            // Nothing was opened.
        }
    }
}
