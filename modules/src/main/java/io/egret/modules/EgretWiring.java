package io.egret.modules;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
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
        // DEVELOPMENT stage: singletons are created when first used, so a command pays only for what it touches.
        return Guice.createInjector(Stage.DEVELOPMENT, cluster);
    }
}
