package io.egret.api;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A built topology, as returned by {@link TopologyBuilder#createTopology()}. Immutable. */
public final class Topology {
    private final List<Component> components;

    Topology(List<Component> components) {
        this.components = List.copyOf(components);
    }

    /** The component names, in declaration order. */
    public List<String> componentNames() {
        return components.stream().map(Component::name).toList();
    }

    /**
     * The definition Egret deploys: components with their serialized instances and the config's keys. Applies
     * {@link Config#setComponentParallelism} overrides.
     *
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the name is invalid or the wiring is
     *     wrong (unknown component or stream, grouping by an undeclared field, no spout)
     */
    public TopologyDefinition toDefinition(String name, Config config) {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        Map<String, Integer> overrides = config.componentParallelism();
        for (String overridden : overrides.keySet()) {
            if (!componentNames().contains(overridden)) {
                throw new IllegalArgumentException("config sets the parallelism of unknown component '" + overridden
                        + "'; components are " + componentNames());
            }
        }
        List<ComponentDefinition> definitions = new ArrayList<>(components.size());
        for (Component component : components) {
            definitions.add(new ComponentDefinition(
                    component.name,
                    component.kind,
                    overrides.getOrDefault(component.name, component.parallelism),
                    component.className,
                    component.outputs,
                    component.inputs,
                    component.config,
                    component.serializedObject));
        }
        return new TopologyDefinition(TopologyName.of(name), definitions, config.toMap());
    }

    record Component(
            String name,
            ComponentKind kind,
            int parallelism,
            String className,
            List<StreamDeclaration> outputs,
            List<StreamInput> inputs,
            Map<String, String> config,
            byte[] serializedObject) {
        Component {
            outputs = List.copyOf(outputs);
            inputs = List.copyOf(inputs);
            config = Map.copyOf(config);
        }
    }
}
