package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Container limits for the capacity-driven packers (FirstFitDecreasing and ResourceCompliantRoundRobin), read as
 * Heron's operators know them: {@code topology.container.{cpu,ram,disk}} is the most a container may request
 * (default: {@code topology.container.max.instances} instance defaults, 10 unless set), padding per dimension is the larger of the fixed padding
 * ({@code topology.container.cpu.padding} 1 core, {@code topology.container.ram.padding} 1 GB, disk 1 GB) and
 * {@code topology.container.padding.percentage} (10) of the capacity.
 *
 * <p>Where the scheduler's largest container is smaller than the configured one, the smaller wins: the packer then
 * uses more containers instead of producing one the scheduler refuses. Padding is computed on that capacity.
 *
 * @param configured the capacity from the topology config or its default, before the scheduler's limit
 * @param capacity what a container may request: {@code configured} capped by the scheduler's largest container
 * @param maxInstances {@code topology.container.max.instances} for FirstFitDecreasing; unlimited otherwise
 * @param sizeInInstances {@code topology.container.max.instances}: how many instance defaults make the default
 *     capacity of a dimension without a {@code topology.container.*} value (both packers, as in Heron)
 */
record BinPackingModel(
        Resources configured,
        Resources capacity,
        Resources padding,
        Resources fixedPadding,
        int paddingPercentage,
        int maxInstances,
        int sizeInInstances,
        boolean cpuConfigured,
        boolean ramConfigured,
        boolean diskConfigured) {

    static final int DEFAULT_PADDING_PERCENTAGE = 10;
    static final int DEFAULT_MAX_INSTANCES = 10;
    static final double DEFAULT_CPU_PADDING = 1.0;
    static final ByteAmount DEFAULT_RAM_PADDING = ByteAmount.ofGigabytes(1);
    static final ByteAmount DISK_PADDING = ByteAmount.ofGigabytes(1);

    BinPackingModel {
        requireNonNull(configured, "configured is null");
        requireNonNull(capacity, "capacity is null");
        requireNonNull(padding, "padding is null");
        requireNonNull(fixedPadding, "fixedPadding is null");
    }

    static BinPackingModel read(TopologyConfig config, PackingSettings settings, boolean densityLimited) {
        Resources defaults = settings.instanceDefaults();
        OptionalDouble cpuHint = nonNegative(config.getDouble(TopologyConfig.CONTAINER_CPU));
        // A requested size of 0 is honoured (and then fails to hold anything, as in Heron); only a negative value
        // (Heron's -1) or no value means "unspecified".
        Optional<ByteAmount> ramHint = config.getBytes(TopologyConfig.CONTAINER_RAM);
        Optional<ByteAmount> diskHint = config.getBytes(TopologyConfig.CONTAINER_DISK);
        int sizeInInstances =
                config.getInt(TopologyConfig.CONTAINER_MAX_INSTANCES).orElse(DEFAULT_MAX_INSTANCES);
        if (sizeInInstances < 1) {
            throw EgretException.userError("topology config " + TopologyConfig.CONTAINER_MAX_INSTANCES
                    + " must be at least 1, got " + sizeInInstances);
        }
        Resources configured = new Resources(
                cpuHint.orElse(defaults.cpu() * sizeInInstances),
                ramHint.orElse(defaults.ram().times(sizeInInstances)),
                diskHint.orElse(defaults.disk().times(sizeInInstances)));
        Resources capacity =
                settings.maxContainer().map(max -> min(configured, max)).orElse(configured);

        int percentage =
                config.getInt(TopologyConfig.CONTAINER_PADDING_PERCENTAGE).orElse(DEFAULT_PADDING_PERCENTAGE);
        if (percentage < 0 || percentage >= 100) {
            throw EgretException.userError("topology config " + TopologyConfig.CONTAINER_PADDING_PERCENTAGE
                    + " must be between 0 and 99, got " + percentage);
        }
        double cpuPadding =
                config.getDouble(TopologyConfig.CONTAINER_CPU_PADDING).orElse(DEFAULT_CPU_PADDING);
        if (!(cpuPadding >= 0) || Double.isInfinite(cpuPadding)) {
            throw EgretException.userError("topology config " + TopologyConfig.CONTAINER_CPU_PADDING
                    + " must be a non-negative number of cores, got " + cpuPadding);
        }
        ByteAmount ramPadding =
                config.getBytes(TopologyConfig.CONTAINER_RAM_PADDING).orElse(DEFAULT_RAM_PADDING);
        Resources fixedPadding = new Resources(cpuPadding, ramPadding, DISK_PADDING);
        Resources padding = paddingFor(capacity, fixedPadding, percentage);

        int maxInstances = densityLimited ? sizeInInstances : Integer.MAX_VALUE;
        return new BinPackingModel(
                configured,
                capacity,
                padding,
                fixedPadding,
                percentage,
                maxInstances,
                sizeInInstances,
                cpuHint.isPresent(),
                ramHint.isPresent(),
                diskHint.isPresent());
    }

    static Resources paddingFor(Resources capacity, Resources fixedPadding, int percentage) {
        return new Resources(
                Math.max(fixedPadding.cpu(), capacity.cpu() * percentage / 100.0),
                fixedPadding
                        .ram()
                        .max(ByteAmount.ofBytes(
                                Math.multiplyExact(capacity.ram().bytes(), percentage) / 100)),
                fixedPadding
                        .disk()
                        .max(ByteAmount.ofBytes(
                                Math.multiplyExact(capacity.disk().bytes(), percentage) / 100)));
    }

    private static Resources min(Resources first, Resources second) {
        return new Resources(
                Math.min(first.cpu(), second.cpu()),
                first.ram().min(second.ram()),
                first.disk().min(second.disk()));
    }

    /**
     * What a container has left for instances once padding is reserved.
     *
     * @throws EgretException when padding takes the whole container in some dimension
     */
    Resources usable() {
        String paddingRule = " (the larger of the fixed padding and " + paddingPercentage + "% of the capacity)";
        if (padding.ram().compareTo(capacity.ram()) >= 0) {
            throw EgretException.userError("container RAM padding " + padding.ram() + paddingRule
                    + " leaves no RAM for instances in " + ramCapacitySource() + "; fix: raise "
                    + TopologyConfig.CONTAINER_RAM + " above " + padding.ram() + " or lower "
                    + TopologyConfig.CONTAINER_RAM_PADDING);
        }
        if (padding.cpu() >= capacity.cpu()) {
            throw EgretException.userError("container CPU padding " + Resources.formatCpu(padding.cpu()) + paddingRule
                    + " leaves no CPU for instances in " + cpuCapacitySource() + "; fix: raise "
                    + TopologyConfig.CONTAINER_CPU + " above " + Resources.formatCpu(padding.cpu()) + " or lower "
                    + TopologyConfig.CONTAINER_CPU_PADDING);
        }
        if (padding.disk().compareTo(capacity.disk()) >= 0) {
            throw EgretException.userError("container disk padding " + padding.disk() + paddingRule
                    + " leaves no disk for instances in " + diskCapacitySource() + "; fix: raise "
                    + TopologyConfig.CONTAINER_DISK + " above " + padding.disk());
        }
        return capacity.minus(padding);
    }

    /** Whether the scheduler's limit, not the topology config, decides the capacity in some dimension. */
    boolean cappedByScheduler() {
        return !capacity.equals(configured);
    }

    /** The smallest capacity whose usable part (capacity minus its padding) holds {@code need} bytes. */
    long smallestRamCapacityFor(long need) {
        return smallestCapacityFor(need, fixedPadding.ram().bytes());
    }

    long smallestDiskCapacityFor(long need) {
        return smallestCapacityFor(need, fixedPadding.disk().bytes());
    }

    double smallestCpuCapacityFor(double need) {
        return Math.max(need + fixedPadding.cpu(), need * 100.0 / (100 - paddingPercentage));
    }

    private long smallestCapacityFor(long need, long fixed) {
        // Both paddings must leave room: the fixed one and the percentage of the capacity itself.
        long byPercentage = ceilDiv(need * 100, 100 - paddingPercentage);
        return Math.max(need + fixed, byPercentage);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private static OptionalDouble nonNegative(OptionalDouble value) {
        // Heron writes -1 for "unspecified".
        return value.isPresent() && value.getAsDouble() >= 0 ? value : OptionalDouble.empty();
    }

    /** Names where a capacity dimension came from, for messages. */
    String ramCapacitySource() {
        if (capacity.ram().isLessThan(configured.ram())) {
            return "the scheduler's largest container RAM " + capacity.ram();
        }
        return ramConfigured
                ? TopologyConfig.CONTAINER_RAM + " " + capacity.ram()
                : "the default container RAM " + capacity.ram() + " (" + sizeInInstances
                        + " x heron.resources.instance.ram, " + TopologyConfig.CONTAINER_MAX_INSTANCES + ")";
    }

    String cpuCapacitySource() {
        if (capacity.cpu() < configured.cpu()) {
            return "the scheduler's largest container CPU " + Resources.formatCpu(capacity.cpu());
        }
        return cpuConfigured
                ? TopologyConfig.CONTAINER_CPU + " " + Resources.formatCpu(capacity.cpu())
                : "the default container CPU " + Resources.formatCpu(capacity.cpu()) + " ("
                        + sizeInInstances + " x heron.resources.instance.cpu, " + TopologyConfig.CONTAINER_MAX_INSTANCES
                        + ")";
    }

    String diskCapacitySource() {
        if (capacity.disk().isLessThan(configured.disk())) {
            return "the scheduler's largest container disk " + capacity.disk();
        }
        return diskConfigured
                ? TopologyConfig.CONTAINER_DISK + " " + capacity.disk()
                : "the default container disk " + capacity.disk() + " (" + sizeInInstances
                        + " x heron.resources.instance.disk, " + TopologyConfig.CONTAINER_MAX_INSTANCES + ")";
    }
}
