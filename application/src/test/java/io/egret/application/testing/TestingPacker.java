package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.application.Packer;
import io.egret.domain.error.EgretException;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Deals instances round robin over the containers ({@code topology.stmgrs} of them, or the requested count when
 * repacking), each instance one core, 1 GB RAM and 1 GB disk. Fault points: {@code packer.<method>}.
 */
public final class TestingPacker implements Packer {
    public static final Resources INSTANCE = new Resources(1, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));

    private final FaultInjector faults;
    private List<String> violations = List.of();

    public TestingPacker(FaultInjector faults) {
        this.faults = requireNonNull(faults, "faults is null");
    }

    @Override
    public PackingPlan pack(TopologyDefinition topology) {
        faults.check("packer.pack");
        return roundRobin(topology, topology.topologyConfig().streamManagers());
    }

    @Override
    public PackingPlan repack(PackingPlan current, TopologyDefinition updated, OptionalInt containers) {
        faults.check("packer.repack");
        return roundRobin(updated, containers.orElse(current.containers().size()));
    }

    @Override
    public synchronized List<String> fitViolations(PackingPlan plan, TopologyDefinition topology) {
        faults.check("packer.fitViolations");
        return violations;
    }

    /** What every fit check reports from now on. */
    public synchronized void violations(List<String> newViolations) {
        violations = List.copyOf(newViolations);
    }

    /** The plan this packer makes for a topology in the given number of containers. */
    public static PackingPlan roundRobin(TopologyDefinition topology, int containerCount) {
        if (containerCount < 1 || containerCount > topology.totalInstances()) {
            throw EgretException.userError(
                    "cannot pack " + topology.totalInstances() + " instances into " + containerCount + " containers");
        }
        List<List<InstancePlan>> containers = new ArrayList<>();
        for (int index = 0; index < containerCount; index++) {
            containers.add(new ArrayList<>());
        }
        int taskId = 1;
        for (ComponentDefinition component : topology.components()) {
            for (int componentIndex = 0; componentIndex < component.parallelism(); componentIndex++) {
                InstancePlan instance =
                        new InstancePlan(new InstanceId(component.name(), taskId, componentIndex), INSTANCE);
                containers.get((taskId - 1) % containerCount).add(instance);
                taskId++;
            }
        }
        List<ContainerPlan> plans = new ArrayList<>();
        for (int index = 0; index < containerCount; index++) {
            ContainerPlan container = new ContainerPlan(index + 1, containers.get(index), Resources.ZERO);
            plans.add(container.withRequired(container.instanceResources()));
        }
        return new PackingPlan("TestingRoundRobin", plans);
    }
}
