package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One spout or bolt: its name, how many instances run, the class that implements it, what it emits and what it
 * consumes. Per-component resources live in the topology config under Heron's keys
 * ({@code topology.component.rammap} and friends), read through {@link TopologyConfig}.
 *
 * @param className the implementing class, loaded only inside containers
 * @param serializedObject the author's configured instance, serialized by the API (may be empty)
 */
public record ComponentDefinition(
        String name,
        ComponentKind kind,
        int parallelism,
        String className,
        List<StreamDeclaration> outputs,
        List<StreamInput> inputs,
        Map<String, String> config,
        byte[] serializedObject) {

    public ComponentDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(className, "className is null");
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        config = Map.copyOf(requireNonNull(config, "config is null"));
        serializedObject =
                requireNonNull(serializedObject, "serializedObject is null").clone();
        if (name.isBlank()) {
            throw new IllegalArgumentException("component name is blank");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "component '" + name + "' parallelism must be at least 1, got " + parallelism);
        }
        if (kind == ComponentKind.SPOUT && !inputs.isEmpty()) {
            throw new IllegalArgumentException("spout '" + name + "' cannot consume streams");
        }
    }

    @Override
    public byte[] serializedObject() {
        return serializedObject.clone();
    }

    public ComponentDefinition withParallelism(int newParallelism) {
        return new ComponentDefinition(
                name, kind, newParallelism, className, outputs, inputs, config, serializedObject);
    }

    /** A copy with a new component config. */
    public ComponentDefinition withConfig(Map<String, String> newConfig) {
        return new ComponentDefinition(
                name, kind, parallelism, className, outputs, inputs, newConfig, serializedObject);
    }

    // Records compare arrays by identity; the serialized object is payload, not identity.
    @Override
    public boolean equals(Object other) {
        return other instanceof ComponentDefinition that
                && name.equals(that.name)
                && kind == that.kind
                && parallelism == that.parallelism
                && className.equals(that.className)
                && outputs.equals(that.outputs)
                && inputs.equals(that.inputs)
                && config.equals(that.config)
                && java.util.Arrays.equals(serializedObject, that.serializedObject);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, kind, parallelism, className, outputs, inputs, config);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + " x" + parallelism + " (" + className
                + ")";
    }
}
