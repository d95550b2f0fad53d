package io.egret.domain.packing;

import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds topologies for packing tests: the first component is a spout, the others bolts reading from it. */
final class TestingTopologies {
    private TestingTopologies() {}

    static TopologyDefinition topology(Map<String, Integer> parallelism, Map<String, String> config) {
        List<ComponentDefinition> components = new ArrayList<>();
        String spout = null;
        for (Map.Entry<String, Integer> entry : parallelism.entrySet()) {
            if (spout == null) {
                spout = entry.getKey();
                components.add(new ComponentDefinition(
                        entry.getKey(),
                        ComponentKind.SPOUT,
                        entry.getValue(),
                        "example.Spout",
                        List.of(new StreamDeclaration(StreamDeclaration.DEFAULT_STREAM, List.of("word"))),
                        List.of(),
                        Map.of(),
                        new byte[0]));
            } else {
                components.add(new ComponentDefinition(
                        entry.getKey(),
                        ComponentKind.BOLT,
                        entry.getValue(),
                        "example.Bolt",
                        List.of(),
                        List.of(new StreamInput(spout, StreamDeclaration.DEFAULT_STREAM, Grouping.shuffle())),
                        Map.of(),
                        new byte[0]));
            }
        }
        return new TopologyDefinition(TopologyName.of("test-topology"), components, config);
    }

    /** Ordered parallelism map from alternating names and counts: {@code parallelism("a", 2, "b", 3)}. */
    static Map<String, Integer> parallelism(Object... namesAndCounts) {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (int position = 0; position < namesAndCounts.length; position += 2) {
            result.put((String) namesAndCounts[position], (Integer) namesAndCounts[position + 1]);
        }
        return result;
    }

    /** Component name to container id, for checking that instances stayed put. */
    static Map<InstanceId, Integer> placement(PackingPlan plan) {
        Map<InstanceId, Integer> result = new LinkedHashMap<>();
        for (ContainerPlan container : plan.containers()) {
            for (InstancePlan instance : container.instances()) {
                result.put(instance.id(), container.id());
            }
        }
        return result;
    }

    static long gigabytes(long count) {
        return count * 1024L * 1024L * 1024L;
    }

    static long megabytes(long count) {
        return count * 1024L * 1024L;
    }
}
