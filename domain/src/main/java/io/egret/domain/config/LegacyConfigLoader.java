package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code --config-loader} classes of Heron's first releases. Heron loaded them by reflection; Egret maps the
 * name to the cluster manager it stood for, and the loader implies that cluster manager's scheduler, launcher and
 * service mode beneath everything the cluster files and flags say.
 */
public enum LegacyConfigLoader {
    LOCAL(SchedulerKind.LOCAL, true, "scheduler.local.LocalConfigLoader"),
    AURORA(SchedulerKind.AURORA, false, "scheduler.aurora.AuroraConfigLoader"),
    // The Mesos guide once wrote the Mesos loader into the aurora package; that spelling works too.
    MESOS(SchedulerKind.MESOS, true, "scheduler.mesos.MesosConfigLoader", "scheduler.aurora.MesosConfigLoader");

    private final SchedulerKind schedulerKind;
    private final boolean isService;
    private final List<String> relativeClassNames;

    LegacyConfigLoader(SchedulerKind schedulerKind, boolean isService, String... relativeClassNames) {
        this.schedulerKind = schedulerKind;
        this.isService = isService;
        this.relativeClassNames = List.of(relativeClassNames);
    }

    public SchedulerKind schedulerKind() {
        return schedulerKind;
    }

    /** Maps a {@code --config-loader} value (either Heron package, or a short name such as {@code aurora}). */
    public static LegacyConfigLoader fromClassName(String className) {
        requireNonNull(className, "className is null");
        for (LegacyConfigLoader loader : values()) {
            for (String relative : loader.relativeClassNames) {
                if (HeronClassNames.matches(className, relative, loader.schedulerKind.shortName())) {
                    return loader;
                }
            }
        }
        throw EgretException.userError("unknown --config-loader '" + className + "'; valid values are "
                + Arrays.stream(values())
                        .map(loader -> "com.twitter.heron." + loader.relativeClassNames.get(0))
                        .collect(Collectors.joining(", ")));
    }

    /** What the loader stands for, as entries from {@link ConfigSource#configLoader}. */
    public List<ConfigEntry> impliedEntries(String className) {
        ConfigSource source = ConfigSource.configLoader(className);
        return List.of(
                new ConfigEntry(ConfigKey.SCHEDULER_CLASS.key(), schedulerKind.heronSchedulerClass(), source),
                new ConfigEntry(ConfigKey.LAUNCHER_CLASS.key(), schedulerKind.heronLauncherClass(), source),
                new ConfigEntry(ConfigKey.SCHEDULER_IS_SERVICE.key(), Boolean.toString(isService), source));
    }
}
