package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a topology author built: its components in declaration order, how they are wired, and the topology
 * config (Heron's {@code topology.*} keys). Validated on construction so that every later step can trust it.
 */
public record TopologyDefinition(TopologyName name, List<ComponentDefinition> components, Map<String, String> config) {

    public TopologyDefinition {
        requireNonNull(name, "name is null");
        components = List.copyOf(requireNonNull(components, "components is null"));
        config = Map.copyOf(requireNonNull(config, "config is null"));
        validate(name, components);
    }

    public Optional<ComponentDefinition> component(String componentName) {
        for (ComponentDefinition component : components) {
            if (component.name().equals(componentName)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    public List<String> componentNames() {
        return components.stream().map(ComponentDefinition::name).toList();
    }

    /** Component name to parallelism, in declaration order. */
    public Map<String, Integer> parallelism() {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (ComponentDefinition component : components) {
            result.put(component.name(), component.parallelism());
        }
        return result;
    }

    public int totalInstances() {
        return components.stream().mapToInt(ComponentDefinition::parallelism).sum();
    }

    public TopologyConfig topologyConfig() {
        return new TopologyConfig(config);
    }

    /** A copy with new parallelism for the named components; unknown names are a user error. */
    public TopologyDefinition withParallelism(Map<String, Integer> newParallelism) {
        for (String componentName : newParallelism.keySet()) {
            if (component(componentName).isEmpty()) {
                throw EgretException.userError("unknown component '" + componentName + "' in topology '" + name
                        + "'; components are " + componentNames());
            }
        }
        List<ComponentDefinition> updated = new ArrayList<>(components.size());
        for (ComponentDefinition component : components) {
            Integer parallelism = newParallelism.get(component.name());
            updated.add(parallelism == null ? component : component.withParallelism(parallelism));
        }
        return new TopologyDefinition(name, updated, config);
    }

    /**
     * A copy with runtime-config changes applied in order: topology-level changes go to the topology config,
     * component-level changes to that component's config.
     *
     * @throws EgretException {@code USER_ERROR} if a change names a component the topology does not have
     */
    public TopologyDefinition withRuntimeConfig(List<RuntimeConfigChange> changes) {
        requireNonNull(changes, "changes is null");
        Map<String, String> topologyConfig = new HashMap<>(config);
        Map<String, Map<String, String>> componentConfigs = new HashMap<>();
        for (RuntimeConfigChange change : changes) {
            if (change.component().isEmpty()) {
                topologyConfig.put(change.key(), change.value());
                continue;
            }
            String componentName = change.component().get();
            ComponentDefinition component = component(componentName)
                    .orElseThrow(() -> EgretException.userError("unknown component '" + componentName
                            + "' in --runtime-config '" + change.item() + "' for topology '" + name
                            + "'; components are " + componentNames()));
            componentConfigs
                    .computeIfAbsent(componentName, ignored -> new HashMap<>(component.config()))
                    .put(change.key(), change.value());
        }
        List<ComponentDefinition> updated = new ArrayList<>(components.size());
        for (ComponentDefinition component : components) {
            Map<String, String> componentConfig = componentConfigs.get(component.name());
            updated.add(componentConfig == null ? component : component.withConfig(componentConfig));
        }
        return new TopologyDefinition(name, updated, topologyConfig);
    }

    public TopologyDefinition withConfig(String key, String value) {
        Map<String, String> updated = new HashMap<>(config);
        updated.put(key, value);
        return new TopologyDefinition(name, components, updated);
    }

    private static void validate(TopologyName name, List<ComponentDefinition> components) {
        if (components.isEmpty()) {
            throw EgretException.userError("topology '" + name + "' has no components");
        }
        Map<String, ComponentDefinition> byName = new HashMap<>();
        for (ComponentDefinition component : components) {
            if (byName.put(component.name(), component) != null) {
                throw EgretException.userError(
                        "topology '" + name + "' declares component '" + component.name() + "' twice");
            }
        }
        if (components.stream().noneMatch(component -> component.kind() == ComponentKind.SPOUT)) {
            throw EgretException.userError("topology '" + name + "' has no spout");
        }
        for (ComponentDefinition component : components) {
            for (StreamInput input : component.inputs()) {
                ComponentDefinition source = byName.get(input.component());
                if (source == null) {
                    throw EgretException.userError("bolt '" + component.name() + "' subscribes to unknown component '"
                            + input.component() + "'");
                }
                StreamDeclaration stream = source.outputs().stream()
                        .filter(output -> output.stream().equals(input.stream()))
                        .findFirst()
                        .orElseThrow(() -> EgretException.userError("bolt '" + component.name()
                                + "' subscribes to stream '" + input.stream() + "' of '" + input.component()
                                + "', which does not declare it"));
                if (input.grouping() instanceof Grouping.Fields fields) {
                    for (String field : fields.fields()) {
                        if (!stream.fields().contains(field)) {
                            throw EgretException.userError("bolt '" + component.name() + "' groups stream '"
                                    + input.stream() + "' of '" + input.component() + "' by field '" + field
                                    + "', which is not one of " + stream.fields());
                        }
                    }
                }
            }
        }
    }
}
