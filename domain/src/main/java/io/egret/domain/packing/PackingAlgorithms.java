package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

/** Chooses the packing algorithm for a configured kind. */
public final class PackingAlgorithms {
    private PackingAlgorithms() {}

    public static PackingAlgorithm of(PackingAlgorithmKind kind) {
        requireNonNull(kind, "kind is null");
        return switch (kind) {
            case ROUND_ROBIN -> new RoundRobinPacking();
            case FIRST_FIT_DECREASING -> new FirstFitDecreasingPacking();
            case RESOURCE_COMPLIANT_ROUND_ROBIN -> new ResourceCompliantRoundRobinPacking();
        };
    }
}
