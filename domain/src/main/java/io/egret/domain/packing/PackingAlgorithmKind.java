package io.egret.domain.packing;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The packing algorithms Egret implements, under the names operators already use: Heron's class names (both the
 * Apache and the older Twitter package) in {@code heron.class.packing.algorithm} and
 * {@code heron.class.repacking.algorithm}, or a short name.
 */
public enum PackingAlgorithmKind {
    ROUND_ROBIN("RoundRobin", "roundrobin.RoundRobinPacking"),
    FIRST_FIT_DECREASING("FirstFitDecreasing", "binpacking.FirstFitDecreasingPacking"),
    RESOURCE_COMPLIANT_ROUND_ROBIN("ResourceCompliantRoundRobin", "roundrobin.ResourceCompliantRRPacking");

    private static final List<String> HERON_PACKAGES =
            List.of("org.apache.heron.packing.", "com.twitter.heron.packing.");

    private final String shortName;
    private final String heronClassSuffix;

    PackingAlgorithmKind(String shortName, String heronClassSuffix) {
        this.shortName = shortName;
        this.heronClassSuffix = heronClassSuffix;
    }

    public String shortName() {
        return shortName;
    }

    /** The Apache Heron class name, as Heron's stock {@code packing.yaml} writes it. */
    public String heronClassName() {
        return HERON_PACKAGES.get(0) + heronClassSuffix;
    }

    /**
     * Resolves a configured value: a Heron class name from either package, a short name (case-insensitive), or
     * this enum's constant name.
     *
     * @param key the config key the value came from, named in the error
     */
    public static PackingAlgorithmKind fromConfig(String key, String value) {
        String trimmed = value.trim();
        for (PackingAlgorithmKind kind : values()) {
            for (String heronPackage : HERON_PACKAGES) {
                if (trimmed.equals(heronPackage + kind.heronClassSuffix)) {
                    return kind;
                }
            }
            if (trimmed.equalsIgnoreCase(kind.shortName)
                    || trimmed.toUpperCase(Locale.ROOT).equals(kind.name())) {
                return kind;
            }
        }
        throw EgretException.userError("unknown packing algorithm '" + trimmed + "' in " + key + "; valid values are "
                + Arrays.stream(values())
                        .map(kind -> kind.shortName + " (" + kind.heronClassName() + ")")
                        .collect(Collectors.joining(", ")));
    }
}
