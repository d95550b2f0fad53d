package io.egret.domain.resource;

import static java.util.Objects.requireNonNull;

/**
 * CPU cores, RAM and disk: what an instance needs or what a container requests. CPU is fractional; the
 * comparisons allow for floating-point noise so that ten 0.1-core instances fit in one core.
 */
public record Resources(double cpu, ByteAmount ram, ByteAmount disk) {
    public static final Resources ZERO = new Resources(0, ByteAmount.ZERO, ByteAmount.ZERO);

    /** Tolerance for CPU comparisons; far below any CPU amount an operator can configure. */
    private static final double CPU_EPSILON = 1e-9;

    public Resources {
        requireNonNull(ram, "ram is null");
        requireNonNull(disk, "disk is null");
        if (!(cpu >= 0) || Double.isInfinite(cpu)) {
            throw new IllegalArgumentException("cpu must be a non-negative number: " + cpu);
        }
    }

    public Resources plus(Resources other) {
        return new Resources(cpu + other.cpu, ram.plus(other.ram), disk.plus(other.disk));
    }

    public Resources minus(Resources other) {
        double remainingCpu = cpu - other.cpu;
        if (remainingCpu < -CPU_EPSILON) {
            throw new IllegalArgumentException("cannot subtract " + other + " from " + this);
        }
        return new Resources(Math.max(0, remainingCpu), ram.minus(other.ram), disk.minus(other.disk));
    }

    /** The per-dimension maximum: the smallest request that covers both. */
    public Resources max(Resources other) {
        return new Resources(Math.max(cpu, other.cpu), ram.max(other.ram), disk.max(other.disk));
    }

    public boolean fitsIn(Resources capacity) {
        return cpu <= capacity.cpu + CPU_EPSILON
                && !ram.isGreaterThan(capacity.ram)
                && !disk.isGreaterThan(capacity.disk);
    }

    public Resources withCpu(double newCpu) {
        return new Resources(newCpu, ram, disk);
    }

    public Resources withRam(ByteAmount newRam) {
        return new Resources(cpu, newRam, disk);
    }

    public Resources withDisk(ByteAmount newDisk) {
        return new Resources(cpu, ram, newDisk);
    }

    @Override
    public String toString() {
        return "cpu=" + formatCpu(cpu) + ", ram=" + ram + ", disk=" + disk;
    }

    public static String formatCpu(double cpu) {
        if (cpu == Math.rint(cpu)) {
            return Long.toString((long) cpu);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", cpu).replaceAll("0+$", "");
    }
}
