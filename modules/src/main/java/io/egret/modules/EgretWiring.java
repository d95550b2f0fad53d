package io.egret.modules;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.egret.domain.error.EgretException;
import io.egret.modules.wiring.ClusterWiring;
import io.egret.modules.wiring.WiringContext;

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
