package io.egret.benchmarks;

import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Topologies shaped like Heron's synthetic benchmark topology: one spout feeding a chain of bolts, ten components,
 * parallelism spread evenly so the instance count is exactly the one asked for.
 */
public final class SyntheticTopologies {
    public static final int COMPONENTS = 10;

    /** Default instances (1 core, 1 GB, 1 GB) fill a default capacity-packed container with nine. */
    static final int DEFAULT_INSTANCES_PER_CONTAINER = 9;

    private static final long MEGABYTE = 1024L * 1024L;

    private SyntheticTopologies() {}

    /** The shapes the benchmarks run. */
    public enum Shape {
        /** Every instance has the defaults: the case with a known optimum. */
        UNIFORM,
        /** Components of different sizes (RAM 256 MB to 4.5 GB, CPU 0.5 to 2.75): containers fill unevenly. */
        MIXED
    }

    /**
     * @param instances total instances, spread over {@link #COMPONENTS} components
     * @param shape uniform or mixed component sizes
     */
    public static TopologyDefinition synthetic(int instances, Shape shape) {
        List<ComponentDefinition> components = new ArrayList<>(COMPONENTS);
        StringBuilder rammap = new StringBuilder();
        StringBuilder cpumap = new StringBuilder();
        String previous = null;
        for (int index = 0; index < COMPONENTS; index++) {
            String name = index == 0 ? "spout" : "bolt-" + index;
            int parallelism = instances / COMPONENTS + (index < instances % COMPONENTS ? 1 : 0);
            List<StreamDeclaration> outputs =
                    List.of(new StreamDeclaration(StreamDeclaration.DEFAULT_STREAM, List.of("value")));
            List<StreamInput> inputs = previous == null
                    ? List.of()
                    : List.of(new StreamInput(previous, StreamDeclaration.DEFAULT_STREAM, Grouping.shuffle()));
            components.add(new ComponentDefinition(
                    name,
                    previous == null ? ComponentKind.SPOUT : ComponentKind.BOLT,
                    Math.max(1, parallelism),
                    "io.egret.examples.Synthetic",
                    outputs,
                    inputs,
                    Map.of(),
                    new byte[0]));
            if (shape == Shape.MIXED) {
                String separator = index == 0 ? "" : ",";
                rammap.append(separator).append(name).append(':').append((256 + 480L * index) * MEGABYTE);
                cpumap.append(separator).append(name).append(':').append(0.5 + 0.25 * index);
            }
            previous = name;
        }
        Map<String, String> config = new HashMap<>();
        // RoundRobin uses exactly this many containers and ResourceCompliantRoundRobin starts from it: the count
        // that holds nine default instances each, so all three algorithms aim at comparable containers.
        config.put(
                "topology.stmgrs", Integer.toString(Math.max(1, ceilDiv(instances, DEFAULT_INSTANCES_PER_CONTAINER))));
        if (shape == Shape.MIXED) {
            config.put("topology.component.rammap", rammap.toString());
            config.put("topology.component.cpumap", cpumap.toString());
        }
        return new TopologyDefinition(TopologyName.of("synthetic-" + instances), components, config);
    }

    static int ceilDiv(long dividend, long divisor) {
        return (int) ((dividend + divisor - 1) / divisor);
    }
}
