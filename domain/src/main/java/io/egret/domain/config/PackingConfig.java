package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import io.egret.domain.packing.PackingAlgorithmKind;
import io.egret.domain.resource.Resources;

/**
 * Which packing algorithms the cluster uses and the resources of an instance nobody sized.
 *
 * @param packing {@code heron.class.packing.algorithm}
 * @param repacking {@code heron.class.repacking.algorithm}; the packing algorithm when unset
 * @param instanceDefaults {@code heron.resources.instance.cpu}, {@code .ram}, {@code .disk}
 */
public record PackingConfig(PackingAlgorithmKind packing, PackingAlgorithmKind repacking, Resources instanceDefaults) {
    public PackingConfig {
        requireNonNull(packing, "packing is null");
        requireNonNull(repacking, "repacking is null");
        requireNonNull(instanceDefaults, "instanceDefaults is null");
    }

    public static PackingConfig from(EffectiveConfig config) {
        String packingKey = ConfigKey.PACKING_CLASS.key();
        PackingAlgorithmKind packing =
                PackingAlgorithmKind.fromConfig(packingKey, config.required(ConfigKey.PACKING_CLASS));
        PackingAlgorithmKind repacking = config.string(ConfigKey.REPACKING_CLASS)
                .map(value -> PackingAlgorithmKind.fromConfig(ConfigKey.REPACKING_CLASS.key(), value))
                .orElse(packing);
        Resources instanceDefaults = new Resources(
                config.doubleValue(ConfigKey.INSTANCE_CPU),
                config.bytes(ConfigKey.INSTANCE_RAM),
                config.bytes(ConfigKey.INSTANCE_DISK));
        return new PackingConfig(packing, repacking, instanceDefaults);
    }
}
