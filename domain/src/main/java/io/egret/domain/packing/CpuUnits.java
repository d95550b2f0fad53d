package io.egret.domain.packing;

/**
 * Fixed-point CPU: packers compare whole numbers of micro-cores so that sums do not drift. Demands round up and
 * capacities round down, so a fit in micro-cores is also a fit in the {@code double} cores that plans carry.
 */
final class CpuUnits {
    static final long MICROS_PER_CORE = 1_000_000L;

    /** Products within this distance of a whole micro-core are floating-point noise (0.1 × 10⁶ is not exact). */
    private static final double NOISE = 1e-6;

    private CpuUnits() {}

    static long demandMicros(double cores) {
        double micros = cores * MICROS_PER_CORE;
        double nearest = Math.rint(micros);
        return Math.abs(micros - nearest) < NOISE ? (long) nearest : (long) Math.ceil(micros);
    }

    static long capacityMicros(double cores) {
        double micros = cores * MICROS_PER_CORE;
        double nearest = Math.rint(micros);
        return Math.abs(micros - nearest) < NOISE ? (long) nearest : (long) Math.floor(micros);
    }
}
