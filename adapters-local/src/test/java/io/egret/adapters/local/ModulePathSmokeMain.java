package io.egret.adapters.local;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.TopologyLoaderPort;
import io.egret.ports.out.TopologyPackagerPort;
import io.egret.ports.out.UploaderPort;
import java.nio.file.Path;

/**
 * Builds every port through {@link LocalAdapterModule} and prints their classes; run by
 * {@link LocalAdapterModuleTest} with {@code java -m} on the real module path, where Guice's access rules
 * differ from the class path.
 */
public final class ModulePathSmokeMain {
    private ModulePathSmokeMain() {}

    public static void main(String[] arguments) {
        Path home = Path.of(arguments[0]);
        Injector injector = Guice.createInjector(new LocalAdapterModule(LocalAdapterConfig.defaults(home, "local")));
        StringBuilder output = new StringBuilder("OK");
        for (Class<?> port : new Class<?>[] {
            StateStorePort.class,
            UploaderPort.class,
            TopologyPackagerPort.class,
            TopologyLoaderPort.class,
            LauncherPort.class,
            SchedulerPort.class
        }) {
            output.append(' ').append(injector.getInstance(port).getClass().getSimpleName());
        }
        try (StateStorePort store = injector.getInstance(StateStorePort.class)) {
            output.append(" topologies=").append(store.list().size());
        }
        System.out.println(output);
    }
}
