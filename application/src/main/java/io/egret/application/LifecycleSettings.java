package io.egret.application;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * What the lifecycle services take from the cluster config.
 *
 * @param releaseVersion the Egret release recorded in every execution state
 * @param packageConfig the effective cluster config snapshot shipped in every topology package, so that every
 *     container reads the same values
 * @param killTimeout how long a kill issued by Egret itself (undoing a failed submit, replacing a topology) waits
 *     for the containers to go away
 * @param pollInterval how often waiting operations look again (submit waiting for the topology to run)
 * @param updateLockTimeout how long an update waits for the topology's update lock
 */
public record LifecycleSettings(
        String releaseVersion,
        Map<String, String> packageConfig,
        Duration killTimeout,
        Duration pollInterval,
        Duration updateLockTimeout) {

    public static final Duration DEFAULT_KILL_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** Heron's scheduler waits five seconds for the update lock. */
    public static final Duration DEFAULT_UPDATE_LOCK_TIMEOUT = Duration.ofSeconds(5);

    public LifecycleSettings {
        requireNonNull(releaseVersion, "releaseVersion is null");
        packageConfig = Map.copyOf(requireNonNull(packageConfig, "packageConfig is null"));
        requireNonNull(killTimeout, "killTimeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(updateLockTimeout, "updateLockTimeout is null");
        requireNotNegative("killTimeout", killTimeout);
        requireNotNegative("pollInterval", pollInterval);
        requireNotNegative("updateLockTimeout", updateLockTimeout);
    }

    /** The defaults, for a release and an empty config snapshot. */
    public static LifecycleSettings defaults(String releaseVersion) {
        return new LifecycleSettings(
                releaseVersion, Map.of(), DEFAULT_KILL_TIMEOUT, DEFAULT_POLL_INTERVAL, DEFAULT_UPDATE_LOCK_TIMEOUT);
    }

    public LifecycleSettings withPackageConfig(Map<String, String> newPackageConfig) {
        return new LifecycleSettings(releaseVersion, newPackageConfig, killTimeout, pollInterval, updateLockTimeout);
    }

    public LifecycleSettings withKillTimeout(Duration newKillTimeout) {
        return new LifecycleSettings(releaseVersion, packageConfig, newKillTimeout, pollInterval, updateLockTimeout);
    }

    public LifecycleSettings withPollInterval(Duration newPollInterval) {
        return new LifecycleSettings(releaseVersion, packageConfig, killTimeout, newPollInterval, updateLockTimeout);
    }

    public LifecycleSettings withUpdateLockTimeout(Duration newUpdateLockTimeout) {
        return new LifecycleSettings(releaseVersion, packageConfig, killTimeout, pollInterval, newUpdateLockTimeout);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }
}
