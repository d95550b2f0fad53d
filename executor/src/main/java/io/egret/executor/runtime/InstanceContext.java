package io.egret.executor.runtime;

import io.egret.api.Fields;
import io.egret.api.TopologyContext;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.topology.RuntimeConfigChange;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an instance learns about itself. Its config is an immutable map replaced as a whole (through a volatile
 * field) when runtime-config overrides arrive, so that the instance thread always reads a consistent snapshot.
 */
final class InstanceContext implements TopologyContext {
    private final TopologyLayout layout;
    private final InstanceId id;
    private final Map<String, String> baseConfig;
    private volatile Map<String, String> config;

    /**
     * @param baseConfig the topology config overlaid with the component config
     * @param runtimeConfig every runtime-config override applied so far, in order
     */
    InstanceContext(
            TopologyLayout layout,
            InstanceId id,
            Map<String, String> baseConfig,
            List<RuntimeConfigChange> runtimeConfig) {
        this.layout = layout;
        this.id = id;
        this.baseConfig = Map.copyOf(baseConfig);
        this.config = effective(runtimeConfig);
    }

    /** Replaces the config with the base config overlaid by {@code runtimeConfig}, the full list of overrides. */
    void applyRuntimeConfig(List<RuntimeConfigChange> runtimeConfig) {
        config = effective(runtimeConfig);
    }

    private Map<String, String> effective(List<RuntimeConfigChange> runtimeConfig) {
        Map<String, String> result = new HashMap<>(baseConfig);
        for (RuntimeConfigChange change : runtimeConfig) {
            if (change.component().isEmpty() || change.component().get().equals(id.component())) {
                result.put(change.key(), change.value());
            }
        }
        return Map.copyOf(result);
    }

    @Override
    public Map<String, String> getConfig() {
        return config;
    }

    @Override
    public String getTopologyName() {
        return layout.definition().name().value();
    }

    @Override
    public String getThisComponentId() {
        return id.component();
    }

    @Override
    public int getThisTaskId() {
        return id.taskId();
    }

    @Override
    public int getThisTaskIndex() {
        return id.componentIndex();
    }

    @Override
    public List<Integer> getComponentTasks(String component) {
        return Arrays.stream(layout.tasksOf(component)).boxed().toList();
    }

    @Override
    public Fields getThisOutputFields(String stream) {
        StreamInfo info = layout.streamsOf(id.component()).get(stream);
        if (info == null) {
            throw new IllegalArgumentException(
                    "component '" + id.component() + "' declared no stream '" + stream + "'");
        }
        return info.fields();
    }
}
