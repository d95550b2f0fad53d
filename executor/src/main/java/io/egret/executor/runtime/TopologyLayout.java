package io.egret.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.api.Fields;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every task runs and who subscribes to every stream, computed from the topology definition and the packing
 * plan. Task ids from the packing plan are the global routing addresses; every container computes the same
 * layout from the same inputs.
 */
public final class TopologyLayout {
    private final TopologyDefinition definition;
    private final PackingPlan packingPlan;
    private final int[] containerOfTask;
    private final Map<Integer, InstanceId> instances = new HashMap<>();
    private final Map<String, int[]> tasksOfComponent = new HashMap<>();
    private final List<StreamInfo> streams = new ArrayList<>();
    private final Map<String, Map<String, StreamInfo>> streamsByComponent = new HashMap<>();
    private final Map<StreamInfo, List<Subscription>> subscriptions = new HashMap<>();
    private final Map<String, Integer> componentOrdinals = new HashMap<>();
    private final int[] laneOfTask;
    private final int componentCount;

    public TopologyLayout(TopologyDefinition definition, PackingPlan packingPlan) {
        this.definition = requireNonNull(definition, "definition is null");
        this.packingPlan = requireNonNull(packingPlan, "packingPlan is null");
        int maxTask = 0;
        Map<String, List<InstanceId>> byComponent = new HashMap<>();
        for (ContainerPlan container : packingPlan.containers()) {
            for (InstancePlan instance : container.instances()) {
                maxTask = Math.max(maxTask, instance.id().taskId());
                instances.put(instance.id().taskId(), instance.id());
                byComponent
                        .computeIfAbsent(instance.component(), component -> new ArrayList<>())
                        .add(instance.id());
            }
        }
        containerOfTask = new int[maxTask + 1];
        for (ContainerPlan container : packingPlan.containers()) {
            for (InstancePlan instance : container.instances()) {
                containerOfTask[instance.id().taskId()] = container.id();
            }
        }
        for (ComponentDefinition component : definition.components()) {
            componentOrdinals.put(component.name(), componentOrdinals.size());
        }
        componentCount = componentOrdinals.size();
        laneOfTask = new int[maxTask + 1];
        for (int taskId = 1; taskId <= maxTask; taskId++) {
            InstanceId id = instances.get(taskId);
            if (id != null) {
                laneOfTask[taskId] = containerOfTask[taskId] * componentCount + componentOrdinals.get(id.component());
            }
        }
        for (ComponentDefinition component : definition.components()) {
            List<InstanceId> ids = byComponent.getOrDefault(component.name(), List.of());
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(
                        "the packing plan places no instance of component '" + component.name() + "'");
            }
            tasksOfComponent.put(
                    component.name(),
                    ids.stream().mapToInt(InstanceId::taskId).sorted().toArray());
            Map<String, StreamInfo> ownStreams = new HashMap<>();
            for (StreamDeclaration output : component.outputs()) {
                StreamInfo info =
                        new StreamInfo(streams.size(), component.name(), output.stream(), new Fields(output.fields()));
                streams.add(info);
                ownStreams.put(output.stream(), info);
                subscriptions.put(info, new ArrayList<>());
            }
            streamsByComponent.put(component.name(), ownStreams);
        }
        for (ComponentDefinition component : definition.components()) {
            for (StreamInput input : component.inputs()) {
                StreamInfo source = streamsByComponent.get(input.component()).get(input.stream());
                subscriptions.get(source).add(subscription(source, component.name(), input.grouping()));
            }
        }
    }

    public TopologyDefinition definition() {
        return definition;
    }

    public PackingPlan packingPlan() {
        return packingPlan;
    }

    /** The container that runs a task. */
    int containerOf(int taskId) {
        return containerOfTask[taskId];
    }

    /**
     * The lane of a task: its container and its component together. Tuples to another container travel on one
     * connection per lane, so that a full queue of one component never blocks tuples bound for another: with one
     * shared connection, two containers whose bolts feed each other could wait on each other forever.
     */
    /** The component of a task of the plan, or null for a task the plan does not have. */
    String componentOf(int taskId) {
        InstanceId id = instances.get(taskId);
        return id == null ? null : id.component();
    }

    int laneOf(int taskId) {
        return laneOfTask[taskId];
    }

    int laneCount() {
        int maxContainer = packingPlan.containers().stream()
                .mapToInt(ContainerPlan::id)
                .max()
                .orElse(0);
        return (maxContainer + 1) * componentCount;
    }

    int containerOfLane(int lane) {
        return lane / componentCount;
    }

    String componentOfLane(int lane) {
        return definition.components().get(lane % componentCount).name();
    }

    int maxTaskId() {
        return containerOfTask.length - 1;
    }

    InstanceId instance(int taskId) {
        return instances.get(taskId);
    }

    /** The instances placed in one container; empty for an unknown container. */
    List<InstanceId> instancesIn(int containerId) {
        return packingPlan
                .container(containerId)
                .map(container ->
                        container.instances().stream().map(InstancePlan::id).toList())
                .orElse(List.of());
    }

    int[] tasksOf(String component) {
        return tasksOfComponent.get(component).clone();
    }

    StreamInfo stream(int index) {
        return streams.get(index);
    }

    int streamCount() {
        return streams.size();
    }

    /** The streams a component declared, by stream name. */
    Map<String, StreamInfo> streamsOf(String component) {
        return streamsByComponent.get(component);
    }

    List<Subscription> subscriptions(StreamInfo stream) {
        return subscriptions.get(stream);
    }

    private Subscription subscription(StreamInfo source, String target, Grouping grouping) {
        int[] tasks = tasksOfComponent.get(target);
        if (grouping instanceof Grouping.Shuffle || grouping instanceof Grouping.None) {
            return new Subscription(Subscription.Kind.SHUFFLE, tasks, new int[0], grouping);
        }
        if (grouping instanceof Grouping.Fields fields) {
            int[] indices = fields.fields().stream()
                    .mapToInt(field -> source.fields().fieldIndex(field))
                    .toArray();
            return new Subscription(Subscription.Kind.FIELDS, tasks, indices, grouping);
        }
        if (grouping instanceof Grouping.All) {
            return new Subscription(Subscription.Kind.ALL, tasks, new int[0], grouping);
        }
        if (grouping instanceof Grouping.Global) {
            return new Subscription(Subscription.Kind.GLOBAL, new int[] {tasks[0]}, new int[0], grouping);
        }
        if (grouping instanceof Grouping.Direct) {
            return new Subscription(Subscription.Kind.DIRECT, tasks, new int[0], grouping);
        }
        if (grouping instanceof Grouping.Custom) {
            return new Subscription(Subscription.Kind.CUSTOM, tasks, new int[0], grouping);
        }
        throw new IllegalArgumentException("unknown grouping " + grouping);
    }

    /**
     * One subscribing component of a stream: the tasks that may receive a tuple and how one is chosen.
     *
     * @param grouping the grouping as declared (a custom one carries the author's serialized router)
     */
    record Subscription(Kind kind, int[] tasks, int[] fieldIndices, Grouping grouping) {
        enum Kind {
            SHUFFLE,
            FIELDS,
            ALL,
            GLOBAL,
            /** Only {@code emitDirect} reaches these tasks. */
            DIRECT,
            /** The author's {@code CustomStreamGrouping} chooses. */
            CUSTOM
        }
    }
}
