package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Optional;

/**
 * Packing inputs that come from the Heron (cluster) configuration rather than the topology config.
 *
 * @param instanceDefaults what an instance gets when the topology config says nothing about its component:
 *     {@code heron.resources.instance.cpu}, {@code .ram} and {@code .disk} (Heron's defaults are 1 core, 1 GB and
 *     1 GB)
 * @param maxContainer the largest container the scheduler accepts, when the cluster config states one; packers
 *     that choose container sizes stay within it and {@link FitCheck} reports every container above it
 */
public record PackingSettings(Resources instanceDefaults, Optional<Resources> maxContainer) {
    /** Heron's {@code heron.resources.instance.*} defaults. */
    public static final Resources HERON_INSTANCE_DEFAULTS =
            new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));

    public PackingSettings {
        requireNonNull(instanceDefaults, "instanceDefaults is null");
        requireNonNull(maxContainer, "maxContainer is null");
        if (instanceDefaults.cpu() <= 0
                || instanceDefaults.ram().bytes() == 0
                || instanceDefaults.disk().bytes() == 0) {
            throw new IllegalArgumentException(
                    "instance defaults must be positive in every dimension, got " + instanceDefaults);
        }
        if (maxContainer.isPresent()) {
            Resources max = maxContainer.get();
            if (max.cpu() <= 0 || max.ram().bytes() == 0 || max.disk().bytes() == 0) {
                throw new IllegalArgumentException(
                        "the largest allowed container must be positive in every dimension, got " + max);
            }
        }
    }

    /** Heron's instance defaults and no scheduler limit. */
    public static PackingSettings defaults() {
        return new PackingSettings(HERON_INSTANCE_DEFAULTS, Optional.empty());
    }

    public PackingSettings withInstanceDefaults(Resources newInstanceDefaults) {
        return new PackingSettings(newInstanceDefaults, maxContainer);
    }

    public PackingSettings withMaxContainer(Resources newMaxContainer) {
        return new PackingSettings(instanceDefaults, Optional.of(newMaxContainer));
    }
}
