package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What each instance of one component asks for, and where each number came from (for error messages).
 *
 * @param order the component's position in the topology's declaration order, the tie-breaker in every sort
 * @param ramFromMap whether RAM came from {@code topology.component.rammap} rather than the instance default
 */
record ComponentDemand(
        String name,
        int order,
        int parallelism,
        Resources resources,
        boolean ramFromMap,
        boolean cpuFromMap,
        boolean diskFromMap) {

    ComponentDemand {
        requireNonNull(name, "name is null");
        requireNonNull(resources, "resources is null");
    }

    /** Reads every component's demand: the per-component maps where they name it, the instance defaults otherwise. */
    static List<ComponentDemand> read(TopologyDefinition topology, PackingSettings settings) {
        TopologyConfig config = topology.topologyConfig();
        Resources defaults = settings.instanceDefaults();
        List<ComponentDemand> demands = new ArrayList<>(topology.components().size());
        int order = 0;
        for (ComponentDefinition component : topology.components()) {
            Optional<ByteAmount> ram = config.componentRam(component.name());
            OptionalDouble cpu = config.componentCpu(component.name());
            Optional<ByteAmount> disk = config.componentDisk(component.name());
            if (cpu.isPresent() && (!(cpu.getAsDouble() >= 0) || Double.isInfinite(cpu.getAsDouble()))) {
                throw EgretException.userError("topology config " + TopologyConfig.COMPONENT_CPUMAP
                        + " gives '" + component.name() + "' " + cpu.getAsDouble()
                        + " cores; use a non-negative number of cores");
            }
            Resources resources =
                    new Resources(cpu.orElse(defaults.cpu()), ram.orElse(defaults.ram()), disk.orElse(defaults.disk()));
            demands.add(new ComponentDemand(
                    component.name(),
                    order++,
                    component.parallelism(),
                    resources,
                    ram.isPresent(),
                    cpu.isPresent(),
                    disk.isPresent()));
        }
        return demands;
    }

    /** The config key (or Heron setting) that RAM came from, for messages. */
    String ramSource() {
        return ramFromMap ? TopologyConfig.COMPONENT_RAMMAP : "heron.resources.instance.ram";
    }

    String cpuSource() {
        return cpuFromMap ? TopologyConfig.COMPONENT_CPUMAP : "heron.resources.instance.cpu";
    }

    String diskSource() {
        return diskFromMap ? TopologyConfig.COMPONENT_DISKMAP : "heron.resources.instance.disk";
    }
}
