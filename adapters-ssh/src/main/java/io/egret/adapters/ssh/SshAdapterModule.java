package io.egret.adapters.ssh;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import io.egret.adapters.ssh.tunnel.JschTunnels;
import io.egret.ports.out.TunnelPort;

/**
 * Binds one {@link TunnelPort} under the key the wiring chooses: a cluster has two independent tunnel
 * configurations (state manager and scheduler), so the wiring installs this module once for each. Building the
 * port does no I/O; SSH sessions open when a tunnel is first needed.
 */
public final class SshAdapterModule extends AbstractModule {
    private final SshTunnelConfig config;
    private final Key<TunnelPort> key;

    public SshAdapterModule(SshTunnelConfig config, Key<TunnelPort> key) {
        this.config = requireNonNull(config, "config is null");
        this.key = requireNonNull(key, "key is null");
    }

    @Override
    protected void configure() {
        bind(key).toInstance(new JschTunnels(config));
    }
}
