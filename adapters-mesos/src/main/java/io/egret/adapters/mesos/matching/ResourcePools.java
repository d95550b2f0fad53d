package io.egret.adapters.mesos.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * The usable resources of one offer as pools that placements draw down: each pool is one resource entry of the
 * offer (unreserved, or reserved for the framework's role), remembered by its index in the offer so that a
 * placement can name exactly the entries it used. Entries of the same name add up (a reserved and an unreserved
 * {@code cpus} both count), and ports are carved from any range, spanning ranges when one is too short.
 */
public final class ResourcePools {
    /** The scalar resources a container needs. */
    public enum Scalar {
        CPUS,
        MEM,
        DISK
    }

    private final List<List<long[]>> scalars = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private final long[] totals = new long[3];
    // Each port pool: {source index, next free port, last port} (inclusive).
    private final List<long[]> ports = new ArrayList<>();
    private long freePorts;

    /** Adds a scalar entry of the offer, in thousandths. */
    public ResourcePools addScalar(Scalar kind, int source, long amount) {
        if (amount > 0) {
            scalars.get(kind.ordinal()).add(new long[] {source, amount});
            totals[kind.ordinal()] += amount;
        }
        return this;
    }

    /** Adds a port range {@code [begin, end]} of the offer's entry {@code source}. */
    public ResourcePools addPorts(int source, long begin, long end) {
        if (end >= begin) {
            ports.add(new long[] {source, begin, end});
            freePorts += end - begin + 1;
        }
        return this;
    }

    public long total(Scalar kind) {
        return totals[kind.ordinal()];
    }

    public long freePorts() {
        return freePorts;
    }

    /** How many containers of this demand still fit. */
    public long fitCount(Demand demand) {
        long count = Long.MAX_VALUE;
        count = Math.min(count, per(totals[0], demand.cpus()));
        count = Math.min(count, per(totals[1], demand.mem()));
        count = Math.min(count, per(totals[2], demand.disk()));
        count = Math.min(count, per(freePorts, demand.ports()));
        return count;
    }

    public boolean fits(Demand demand) {
        return totals[0] >= demand.cpus()
                && totals[1] >= demand.mem()
                && totals[2] >= demand.disk()
                && freePorts >= demand.ports();
    }

    /**
     * Draws one container's demand from the pools.
     *
     * @throws IllegalStateException if it does not fit (check {@link #fits} first)
     */
    public Allocation take(Demand demand) {
        if (!fits(demand)) {
            throw new IllegalStateException("demand " + demand + " does not fit");
        }
        List<Allocation.ScalarTake> taken = new ArrayList<>(4);
        takeScalar(Scalar.CPUS, demand.cpus(), taken);
        takeScalar(Scalar.MEM, demand.mem(), taken);
        takeScalar(Scalar.DISK, demand.disk(), taken);
        List<Allocation.PortTake> portTakes = new ArrayList<>(2);
        long needed = demand.ports();
        for (int i = 0; i < ports.size() && needed > 0; i++) {
            long[] pool = ports.get(i);
            long available = pool[2] - pool[1] + 1;
            if (available <= 0) {
                continue;
            }
            long count = Math.min(available, needed);
            portTakes.add(new Allocation.PortTake((int) pool[0], pool[1], pool[1] + count - 1));
            pool[1] += count;
            needed -= count;
        }
        freePorts -= demand.ports();
        return new Allocation(taken, portTakes);
    }

    private void takeScalar(Scalar kind, long amount, List<Allocation.ScalarTake> taken) {
        long needed = amount;
        for (long[] pool : scalars.get(kind.ordinal())) {
            if (needed == 0) {
                break;
            }
            long count = Math.min(pool[1], needed);
            if (count > 0) {
                taken.add(new Allocation.ScalarTake(kind, (int) pool[0], count));
                pool[1] -= count;
                needed -= count;
            }
        }
        totals[kind.ordinal()] -= amount;
    }

    private static long per(long available, long needed) {
        return needed == 0 ? Long.MAX_VALUE : available / needed;
    }

    @Override
    public String toString() {
        return "cpus " + Demand.units(totals[0]) + ", mem " + Demand.units(totals[1]) + " MB, disk "
                + Demand.units(totals[2]) + " MB, " + freePorts + " ports";
    }
}
