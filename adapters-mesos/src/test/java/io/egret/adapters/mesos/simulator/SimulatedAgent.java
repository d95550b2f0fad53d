package io.egret.adapters.mesos.simulator;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * A simulated Mesos agent: an id, a hostname and finite resources, some possibly reserved for a role. Tasks it
 * runs are local processes; what they use is subtracted from what it offers.
 *
 * @param reservedRole the role its {@code reservedCpus} and {@code reservedMem} are statically reserved for, or
 *     empty for none
 */
public record SimulatedAgent(
        String id,
        String hostname,
        double cpus,
        double mem,
        double disk,
        long portsBegin,
        long portsEnd,
        String reservedRole,
        double reservedCpus,
        double reservedMem) {
    public SimulatedAgent {
        requireNonNull(id, "id is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(reservedRole, "reservedRole is null");
    }

    /** An agent with no reservations. */
    public static SimulatedAgent of(String id, double cpus, double mem, double disk, long portsBegin, long portsEnd) {
        return new SimulatedAgent(id, "127.0.0.1", cpus, mem, disk, portsBegin, portsEnd, "", 0, 0);
    }

    /** Everything the agent has, as offer resources (unreserved entries first, then the reserved ones). */
    List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        resources.add(Resources.scalar("cpus", cpus - reservedCpus, ""));
        resources.add(Resources.scalar("mem", mem - reservedMem, ""));
        resources.add(Resources.scalar("disk", disk, ""));
        resources.add(Resources.ranges(
                "ports",
                List.of(Value.Range.newBuilder()
                        .setBegin(portsBegin)
                        .setEnd(portsEnd)
                        .build()),
                ""));
        if (!reservedRole.isEmpty()) {
            resources.add(Resources.scalar("cpus", reservedCpus, reservedRole));
            resources.add(Resources.scalar("mem", reservedMem, reservedRole));
        }
        return resources;
    }
}
