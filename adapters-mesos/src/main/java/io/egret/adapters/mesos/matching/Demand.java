package io.egret.adapters.mesos.matching;

/**
 * What one container needs from an offer. Scalars are in thousandths (Mesos keeps scalar resources to three
 * decimal places, so fixed point loses nothing and comparisons are exact): {@code cpus} in millicpus,
 * {@code mem} and {@code disk} in thousandths of a megabyte.
 */
public record Demand(long cpus, long mem, long disk, int ports) {
    public Demand {
        if (cpus < 0 || mem < 0 || disk < 0 || ports < 0) {
            throw new IllegalArgumentException(
                    "a demand is never negative: " + cpus + ", " + mem + ", " + disk + ", " + ports);
        }
    }

    /** From Mesos's units: cpus, megabytes, megabytes, a port count. */
    public static Demand of(double cpus, double memMb, double diskMb, int ports) {
        return new Demand(thousandths(cpus), thousandths(memMb), thousandths(diskMb), ports);
    }

    /** A Mesos scalar in thousandths, rounded as the master rounds it. */
    public static long thousandths(double value) {
        return Math.round(value * 1000.0);
    }

    /** A scalar in thousandths back in Mesos's units. */
    public static double units(long thousandths) {
        return thousandths / 1000.0;
    }

    @Override
    public String toString() {
        return "cpus " + units(cpus) + ", mem " + units(mem) + " MB, disk " + units(disk) + " MB, " + ports + " ports";
    }
}
