package io.egret.modules;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.egret.domain.error.EgretException;
import io.egret.modules.wiring.ClusterWiring;
import io.egret.modules.wiring.SchedulerTunnel;
import io.egret.modules.wiring.StateManagerTunnel;
import io.egret.modules.wiring.StateStoreConnection;
import io.egret.modules.wiring.WiringContext;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TunnelPort;
import java.util.List;

/**
 * Builds the object graph for one cluster and target: which adapters serve which port, chosen from the cluster
 * config. The only place that knows adapters.
 */
public final class EgretWiring {
    private EgretWiring() {}

    /**
     * @param releaseVersion recorded in execution states
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} naming the cluster and key when the config
     *     selects something this build does not have
     */
    public static Injector injector(WiringContext context, String releaseVersion) {
        Module cluster = ClusterWiring.forContext(context, releaseVersion);
        try {
            // DEVELOPMENT stage: singletons are created when first used, so a command pays only for what it uses.
            return Guice.createInjector(Stage.DEVELOPMENT, cluster);
        } catch (CreationException e) {
            throw unwrap(e);
        }
    }

    /**
     * Gets an instance, reporting an {@link EgretException} thrown while building it as itself rather than inside
     * Guice's wrapper, so that the operator sees one line.
     */
    public static <T> T instance(Injector injector, Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException | ConfigurationException e) {
            throw unwrap(e);
        }
    }

    /**
     * Releases what the object graph holds open, the state store first (it may use a tunnel), then the
     * topology-master connections and the state store's tunnels, then the SSH sessions. Every part is closed even
     * when an earlier one fails; the first failure is thrown after. Never changes a topology.
     */
    public static void close(Injector injector) {
        List<Key<?>> order = List.of(
                Key.get(StateStorePort.class),
                Key.get(TopologyControlPort.class),
                Key.get(StateStoreConnection.class),
                Key.get(TunnelPort.class, SchedulerTunnel.class),
                Key.get(TunnelPort.class, StateManagerTunnel.class));
        RuntimeException first = null;
        for (Key<?> key : order) {
            if (injector.getExistingBinding(key) == null) {
                continue;
            }
            try {
                if (injector.getInstance(key) instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            } catch (Exception e) {
                first = first == null
                        ? EgretException.internal("cannot close " + key + ": " + e.getMessage(), e)
                        : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException unwrap(RuntimeException wrapper) {
        for (Throwable cause = wrapper.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof EgretException egret) {
                return egret;
            }
        }
        Throwable first = wrapper instanceof CreationException creation
                ? creation.getErrorMessages().stream()
                        .findFirst()
                        .map(message -> message.getCause())
                        .orElse(null)
                : null;
        if (first instanceof EgretException egret) {
            return egret;
        }
        return EgretException.internal("cannot assemble Egret for this cluster: " + wrapper.getMessage(), wrapper);
    }
}
