package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.egret.adapters.ssh.SshAdapterModule;
import io.egret.adapters.ssh.SshTunnelConfig;
import io.egret.control.DirectRoute;
import io.egret.control.HttpTopologyControl;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.TunnelConfig;
import io.egret.domain.error.EgretException;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TunnelPort;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this process reaches the cluster, for every cluster kind: the two tunnel ports (state manager and
 * scheduler, each SSH through a jump host when its {@code heron.*.is.tunnel.needed} says so, else direct), the
 * state store's reachable connection string, and the topology-master control client over the scheduler's tunnel.
 * Everything here is closed by {@link io.egret.modules.EgretWiring#close}.
 */
final class TunnelWiring extends AbstractModule {
    private final WiringContext context;

    TunnelWiring(WiringContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    protected void configure() {
        EffectiveConfig config = context.config();
        bindTunnel(
                TunnelConfig.forStateManager(config),
                "heron.statemgr",
                ConfigKey.STATE_MANAGER_TUNNEL_IDENTITY_FILE,
                ConfigKey.STATE_MANAGER_TUNNEL_KNOWN_HOSTS,
                ConfigKey.STATE_MANAGER_TUNNEL_STRICT_HOST_KEY_CHECKING,
                StateManagerTunnel.class);
        bindTunnel(
                TunnelConfig.forScheduler(config),
                "heron.scheduler",
                ConfigKey.SCHEDULER_TUNNEL_IDENTITY_FILE,
                ConfigKey.SCHEDULER_TUNNEL_KNOWN_HOSTS,
                ConfigKey.SCHEDULER_TUNNEL_STRICT_HOST_KEY_CHECKING,
                SchedulerTunnel.class);
    }

    /** The state store's connection string, rewritten to where each server is reachable. */
    @Provides
    @Singleton
    public StateStoreConnection stateStoreConnection(@StateManagerTunnel TunnelPort route) {
        String configured = context.config()
                .value(ConfigKey.STATE_MANAGER_CONNECTION_STRING)
                .orElse("");
        return new StateStoreConnection(configured, route);
    }

    /** The control API is Egret's own on every cluster; masters are reached through the scheduler's tunnel. */
    @Provides
    @Singleton
    public TopologyControlPort topologyControl(@SchedulerTunnel TunnelPort route) {
        return new HttpTopologyControl(
                HttpTopologyControl.DEFAULT_CONNECT_TIMEOUT, HttpTopologyControl.DEFAULT_REQUEST_TIMEOUT, route);
    }

    private void bindTunnel(
            TunnelConfig tunnel,
            String keyPrefix,
            ConfigKey identity,
            ConfigKey knownHosts,
            ConfigKey strict,
            Class<? extends Annotation> qualifier) {
        Key<TunnelPort> key = Key.get(TunnelPort.class, qualifier);
        if (!tunnel.needed()) {
            bind(key).toInstance(DirectRoute.INSTANCE);
            return;
        }
        install(new SshAdapterModule(sshConfig(tunnel, keyPrefix, identity, knownHosts, strict), key));
    }

    private SshTunnelConfig sshConfig(
            TunnelConfig tunnel, String keyPrefix, ConfigKey identity, ConfigKey knownHosts, ConfigKey strict) {
        EffectiveConfig config = context.config();
        if (tunnel.connectionTimeout().isZero()) {
            throw EgretException.userError("cluster '" + context.target().cluster() + "': " + keyPrefix
                    + ".tunnel.connection.timeout.ms must be more than 0 when " + keyPrefix
                    + ".is.tunnel.needed is true");
        }
        Path home = Path.of(System.getProperty("user.home"));
        Optional<Path> identityFile =
                config.value(identity).filter(value -> !value.isBlank()).map(value -> expandHome(value, home));
        List<Path> identities =
                identityFile.map(List::of).orElseGet(() -> SshTunnelConfig.defaultIdentityFiles(home.resolve(".ssh")));
        return new SshTunnelConfig(
                keyPrefix,
                tunnel.host(),
                System.getProperty("user.name", "heron"),
                tunnel.connectionTimeout(),
                tunnel.connectionRetryCount(),
                tunnel.retryInterval(),
                tunnel.verifyCount(),
                identities,
                identityFile.isPresent(),
                expandHome(config.required(knownHosts), home),
                config.booleanValue(strict),
                Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                        .filter(value -> !value.isBlank())
                        .map(Path::of));
    }

    /** {@code ~/x} as the shell would read it. */
    private static Path expandHome(String value, Path home) {
        return value.startsWith("~/") ? home.resolve(value.substring(2)) : Path.of(value);
    }
}
