package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * RoundRobin's container model, as Heron's operators know it. RAM padding is
 * {@code topology.container.ram.padding} if set, else the daemons' RAM: {@code topology.stmgr.ram} (1 GB) +
 * {@code topology.metricsmgr.ram} (1 GB); no checkpoint manager, as {@code EFFECTIVELY_ONCE} is refused at submit.
 * CPU padding is 1 core and disk padding 12 GB, both fixed.
 * {@code topology.container.{cpu,ram,disk}} are the sizes containers request when given ({@code -1} or absent:
 * sized from their instances).
 *
 * @param ramPaddingOrigin how the RAM padding was made up, for messages
 */
record RoundRobinModel(
        Resources padding,
        String ramPaddingOrigin,
        Optional<ByteAmount> ramHint,
        OptionalDouble cpuHint,
        Optional<ByteAmount> diskHint) {

    static final double CPU_PADDING = 1.0;
    static final ByteAmount DISK_PADDING = ByteAmount.ofGigabytes(12);
    static final ByteAmount DEFAULT_DAEMON_RAM = ByteAmount.ofGigabytes(1);
    /** Heron's floor for an instance's RAM in RoundRobin. */
    static final ByteAmount MIN_INSTANCE_RAM = ByteAmount.ofMegabytes(16);

    RoundRobinModel {
        requireNonNull(padding, "padding is null");
        requireNonNull(ramPaddingOrigin, "ramPaddingOrigin is null");
        requireNonNull(ramHint, "ramHint is null");
        requireNonNull(cpuHint, "cpuHint is null");
        requireNonNull(diskHint, "diskHint is null");
    }

    static RoundRobinModel read(TopologyConfig config) {
        Optional<ByteAmount> explicitPadding = config.getBytes(TopologyConfig.CONTAINER_RAM_PADDING);
        ByteAmount ramPadding;
        String origin;
        if (explicitPadding.isPresent()) {
            ramPadding = explicitPadding.get();
            origin = TopologyConfig.CONTAINER_RAM_PADDING + " " + ramPadding;
        } else {
            ByteAmount stmgr = config.getBytes(TopologyConfig.STMGR_RAM).orElse(DEFAULT_DAEMON_RAM);
            ByteAmount metricsmgr =
                    config.getBytes(TopologyConfig.METRICSMGR_RAM).orElse(DEFAULT_DAEMON_RAM);
            ramPadding = stmgr.plus(metricsmgr);
            origin = TopologyConfig.STMGR_RAM + " " + stmgr + " + " + TopologyConfig.METRICSMGR_RAM + " " + metricsmgr;
        }
        OptionalDouble cpuHint = config.getDouble(TopologyConfig.CONTAINER_CPU);
        // Heron's -1 (any negative value) means unspecified; 0 is a request, which then holds nothing.
        return new RoundRobinModel(
                new Resources(CPU_PADDING, ramPadding, DISK_PADDING),
                origin,
                config.getBytes(TopologyConfig.CONTAINER_RAM),
                cpuHint.isPresent() && cpuHint.getAsDouble() >= 0 ? cpuHint : OptionalDouble.empty(),
                config.getBytes(TopologyConfig.CONTAINER_DISK));
    }

    /**
     * The model with Heron's implicit container size in every dimension that has neither a
     * {@code topology.container.*} value nor any component map entry: as many instance defaults as the fullest
     * container holds, plus padding. Instances without map entries then share that size, so those in less full
     * containers get more than the default, as in Heron. (CPU is not rounded to whole cores.)
     */
    RoundRobinModel withImplicitHints(
            int largestContainer,
            Resources instanceDefaults,
            boolean ramMapped,
            boolean cpuMapped,
            boolean diskMapped) {
        Optional<ByteAmount> ram = ramHint;
        if (ram.isEmpty() && !ramMapped) {
            ram = Optional.of(instanceDefaults.ram().times(largestContainer).plus(padding.ram()));
        }
        OptionalDouble cpu = cpuHint;
        if (cpu.isEmpty() && !cpuMapped) {
            cpu = OptionalDouble.of(instanceDefaults.cpu() * largestContainer + padding.cpu());
        }
        Optional<ByteAmount> disk = diskHint;
        if (disk.isEmpty() && !diskMapped) {
            disk = Optional.of(instanceDefaults.disk().times(largestContainer).plus(padding.disk()));
        }
        return new RoundRobinModel(padding, ramPaddingOrigin, ram, cpu, disk);
    }
}
