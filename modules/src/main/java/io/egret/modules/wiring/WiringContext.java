package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.topology.ClusterTarget;
import io.egret.ports.out.ProgressPort;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the composition needs: the effective config bound to the command's target, the installation directory,
 * where progress goes, and the clock.
 */
public record WiringContext(
        EffectiveConfig config, ClusterTarget target, Path heronHome, ProgressPort progress, Clock clock) {
    public WiringContext {
        requireNonNull(config, "config is null");
        requireNonNull(target, "target is null");
        requireNonNull(heronHome, "heronHome is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(clock, "clock is null");
    }
}
