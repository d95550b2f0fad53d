package io.egret.domain.config;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster managers, selected by Heron's {@code heron.class.scheduler} and {@code heron.class.launcher} class
 * names (either package) or a short name. Some Heron schedulers are recognised but not part of this build, so
 * their files give a clear error instead of "unknown class".
 */
public enum SchedulerKind {
    LOCAL("local", "Local", true),
    AURORA("aurora", "Aurora", true),
    MARATHON("marathon", "Marathon", true),
    MESOS("mesos", "Mesos", true),
    KUBERNETES("kubernetes", "Kubernetes", false),
    NOMAD("nomad", "Nomad", false),
    SLURM("slurm", "Slurm", false),
    YARN("yarn", "Yarn", false);

    private final String shortName;
    private final String classPrefix;
    private final boolean available;

    SchedulerKind(String shortName, String classPrefix, boolean available) {
        this.shortName = shortName;
        this.classPrefix = classPrefix;
        this.available = available;
    }

    public String shortName() {
        return shortName;
    }

    /** Whether this build has an adapter for it. */
    public boolean isAvailable() {
        return available;
    }

    /** Heron's scheduler class, as the stock {@code scheduler.yaml} names it. */
    public String heronSchedulerClass() {
        return HeronClassNames.APACHE_PACKAGE + relativeSchedulerClass();
    }

    /** Heron's launcher class, as the stock {@code scheduler.yaml} names it. */
    public String heronLauncherClass() {
        return HeronClassNames.APACHE_PACKAGE + relativeLauncherClass();
    }

    /**
     * The kind the configuration selects. Scheduler and launcher must name the same cluster manager; either may be
     * missing, not both.
     */
    public static SchedulerKind fromConfig(EffectiveConfig config) {
        Optional<ConfigEntry> scheduler = config.entry(ConfigKey.SCHEDULER_CLASS.key());
        Optional<ConfigEntry> launcher = config.entry(ConfigKey.LAUNCHER_CLASS.key());
        Optional<SchedulerKind> byScheduler = scheduler.map(entry -> parse(entry, false));
        Optional<SchedulerKind> byLauncher = launcher.map(entry -> parse(entry, true));
        if (byScheduler.isEmpty() && byLauncher.isEmpty()) {
            throw EgretException.userError("missing required key " + ConfigKey.SCHEDULER_CLASS.key()
                    + "; set it in the cluster's scheduler.yaml, for example "
                    + ConfigKey.SCHEDULER_CLASS.key() + ": " + LOCAL.heronSchedulerClass());
        }
        if (byScheduler.isPresent() && byLauncher.isPresent() && byScheduler.get() != byLauncher.get()) {
            throw EgretException.userError(ConfigKey.SCHEDULER_CLASS.key() + " ("
                    + scheduler.get().source()
                    + ") selects " + byScheduler.get().shortName + " but " + ConfigKey.LAUNCHER_CLASS.key() + " ("
                    + launcher.get().source() + ") selects " + byLauncher.get().shortName + "; use "
                    + byScheduler.get().heronLauncherClass() + " or "
                    + byLauncher.get().heronSchedulerClass());
        }
        SchedulerKind kind = byScheduler.or(() -> byLauncher).orElseThrow();
        if (!kind.available) {
            throw EgretException.userError("the " + kind.shortName + " scheduler ("
                    + scheduler.or(() -> launcher).orElseThrow().source() + ") is not available in this build; "
                    + "available: " + availableNames());
        }
        return kind;
    }

    private static SchedulerKind parse(ConfigEntry entry, boolean launcher) {
        for (SchedulerKind kind : values()) {
            String relative = launcher ? kind.relativeLauncherClass() : kind.relativeSchedulerClass();
            if (HeronClassNames.matches(entry.value(), relative, kind.shortName)) {
                return kind;
            }
        }
        throw EgretException.userError("unknown " + (launcher ? "launcher" : "scheduler") + " '" + entry.value()
                + "' in " + entry.key() + " (" + entry.source() + "); valid values are "
                + Arrays.stream(values())
                        .filter(kind -> kind.available)
                        .map(kind -> launcher ? kind.heronLauncherClass() : kind.heronSchedulerClass())
                        .collect(Collectors.joining(", ")));
    }

    private static String availableNames() {
        return Arrays.stream(values())
                .filter(kind -> kind.available)
                .map(kind -> kind.shortName)
                .collect(Collectors.joining(", "));
    }

    private String relativeSchedulerClass() {
        return "scheduler." + shortName + "." + classPrefix + "Scheduler";
    }

    private String relativeLauncherClass() {
        return "scheduler." + shortName + "." + classPrefix + "Launcher";
    }
}
