package io.egret.heron.instance;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.heron.api.generated.TopologyAPI;
import org.apache.heron.api.hooks.ITaskHook;
import org.apache.heron.api.metric.CombinedMetric;
import org.apache.heron.api.metric.ICombiner;
import org.apache.heron.api.metric.IMetric;
import org.apache.heron.api.metric.IReducer;
import org.apache.heron.api.metric.ReducedMetric;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Fields;

/**
 * Heron's {@code TopologyContext} for one instance: its identity and task ids come from Egret's context, the
 * topology's shape (components, streams, groupings) from Heron's own definition. Task hooks are kept in
 * {@link TaskHooks}, which the adapters and collectors call. Metrics a component registers are handed back for it
 * to update, but Egret has no metrics manager to collect them.
 */
final class HeronContext implements TopologyContext {
    private static final String MESSAGE_TIMEOUT_SECS = "topology.message.timeout.secs";
    private static final int DEFAULT_MESSAGE_TIMEOUT_SECS = 30;

    private final io.egret.api.TopologyContext egret;
    private final TopologyAPI.Topology shape;
    private final Map<String, Object> taskData = new HashMap<>();
    private final TaskHooks hooks;

    HeronContext(io.egret.api.TopologyContext egret, TopologyAPI.Topology shape) {
        this.egret = egret;
        this.shape = shape;
        this.hooks = new TaskHooks(egret.getThisTaskId());
    }

    /** This instance's task hooks. */
    TaskHooks hooks() {
        return hooks;
    }

    @Override
    public String getTopologyId() {
        return shape.getId();
    }

    @Override
    public TopologyAPI.Topology getRawTopology() {
        return shape;
    }

    @Override
    public String getComponentId(int taskId) {
        return getTaskToComponent().get(taskId);
    }

    @Override
    public Set<String> getComponentStreams(String componentId) {
        Set<String> streams = new LinkedHashSet<>();
        for (TopologyAPI.OutputStream stream : outputs(componentId)) {
            streams.add(stream.getStream().getId());
        }
        return streams;
    }

    @Override
    public List<Integer> getComponentTasks(String componentId) {
        return egret.getComponentTasks(componentId);
    }

    @Override
    public Fields getComponentOutputFields(String componentId, String streamId) {
        for (TopologyAPI.OutputStream stream : outputs(componentId)) {
            if (stream.getStream().getId().equals(streamId)) {
                return new Fields(stream.getSchema().getKeysList().stream()
                        .map(TopologyAPI.StreamSchema.KeyType::getKey)
                        .toList());
            }
        }
        throw new IllegalArgumentException("component '" + componentId + "' has no output stream '" + streamId + "'");
    }

    @Override
    public Map<TopologyAPI.StreamId, TopologyAPI.Grouping> getSources(String componentId) {
        Map<TopologyAPI.StreamId, TopologyAPI.Grouping> sources = new LinkedHashMap<>();
        for (TopologyAPI.Bolt bolt : shape.getBoltsList()) {
            if (bolt.getComp().getName().equals(componentId)) {
                for (TopologyAPI.InputStream input : bolt.getInputsList()) {
                    sources.put(input.getStream(), input.getGtype());
                }
            }
        }
        return sources;
    }

    @Override
    public Map<String, Map<String, TopologyAPI.Grouping>> getTargets(String componentId) {
        Map<String, Map<String, TopologyAPI.Grouping>> targets = new LinkedHashMap<>();
        for (TopologyAPI.Bolt bolt : shape.getBoltsList()) {
            for (TopologyAPI.InputStream input : bolt.getInputsList()) {
                if (input.getStream().getComponentName().equals(componentId)) {
                    targets.computeIfAbsent(input.getStream().getId(), stream -> new LinkedHashMap<>())
                            .put(bolt.getComp().getName(), input.getGtype());
                }
            }
        }
        return targets;
    }

    @Override
    public Map<Integer, String> getTaskToComponent() {
        Map<Integer, String> tasks = new TreeMap<>();
        for (String component : getComponentIds()) {
            for (Integer task : egret.getComponentTasks(component)) {
                tasks.put(task, component);
            }
        }
        return tasks;
    }

    @Override
    public Set<String> getComponentIds() {
        Set<String> components = new LinkedHashSet<>();
        shape.getSpoutsList().forEach(spout -> components.add(spout.getComp().getName()));
        shape.getBoltsList().forEach(bolt -> components.add(bolt.getComp().getName()));
        return components;
    }

    @Override
    public int maxTopologyMessageTimeout() {
        String value = egret.getConfig().get(MESSAGE_TIMEOUT_SECS);
        try {
            return value == null ? DEFAULT_MESSAGE_TIMEOUT_SECS : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_MESSAGE_TIMEOUT_SECS;
        }
    }

    @Override
    public int getThisTaskId() {
        return egret.getThisTaskId();
    }

    @Override
    public String getThisComponentId() {
        return egret.getThisComponentId();
    }

    @Override
    public Fields getThisOutputFields(String streamId) {
        return getComponentOutputFields(getThisComponentId(), streamId);
    }

    @Override
    public Set<String> getThisStreams() {
        return getComponentStreams(getThisComponentId());
    }

    @Override
    public int getThisTaskIndex() {
        return egret.getThisTaskIndex();
    }

    @Override
    public Map<TopologyAPI.StreamId, TopologyAPI.Grouping> getThisSources() {
        return getSources(getThisComponentId());
    }

    @Override
    public Map<String, Map<String, TopologyAPI.Grouping>> getThisTargets() {
        return getTargets(getThisComponentId());
    }

    @Override
    public void setTaskData(String name, Object data) {
        taskData.put(name, data);
    }

    @Override
    public Object getTaskData(String name) {
        return taskData.get(name);
    }

    @Override
    public void addTaskHook(ITaskHook hook) {
        hooks.add(Objects.requireNonNull(hook, "hook is null"));
    }

    @Override
    public Collection<ITaskHook> getHooks() {
        return hooks.all();
    }

    @Override
    public <T extends IMetric<U>, U> T registerMetric(String name, T metric, int timeBucketSizeInSecs) {
        return metric;
    }

    @Override
    public <T, U, V> ReducedMetric<T, U, V> registerMetric(String name, IReducer<T, U, V> reducer, int timeBucket) {
        return new ReducedMetric<>(reducer);
    }

    @Override
    public <T> CombinedMetric<T> registerMetric(String name, ICombiner<T> combiner, int timeBucketSizeInSecs) {
        return new CombinedMetric<>(combiner);
    }

    private List<TopologyAPI.OutputStream> outputs(String componentId) {
        for (TopologyAPI.Spout spout : shape.getSpoutsList()) {
            if (spout.getComp().getName().equals(componentId)) {
                return spout.getOutputsList();
            }
        }
        for (TopologyAPI.Bolt bolt : shape.getBoltsList()) {
            if (bolt.getComp().getName().equals(componentId)) {
                return bolt.getOutputsList();
            }
        }
        throw new IllegalArgumentException("topology '" + shape.getName() + "' has no component '" + componentId + "'");
    }
}
