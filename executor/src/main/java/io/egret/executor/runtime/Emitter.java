package io.egret.executor.runtime;

import io.egret.api.CustomStreamGrouping;
import io.egret.api.TopologyContext;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.executor.runtime.TopologyLayout.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the tuples one instance emits: chooses destination tasks by grouping and collects them into batches per
 * local task and per remote lane (container and component). Owned by the instance's thread, so nothing here is synchronized.
 */
final class Emitter {
    private final int sourceTask;
    private final TopologyLayout layout;
    private final int containerId;
    private final Delivery delivery;
    private final int batchSize;
    private final Map<String, Route> routes = new HashMap<>();
    private final Route defaultRoute;
    private final TupleBatch[] localBatches;
    private final TupleBatch[] remoteBatches;
    private final List<Integer> dirtyTasks = new ArrayList<>();
    private final List<Integer> dirtyLanes = new ArrayList<>();
    private final StableHash stableHash = new StableHash();
    private long emitted;

    /**
     * @param components creates the custom groupings of this instance's streams
     * @param context this instance's context, given to custom groupings
     */
    Emitter(
            int sourceTask,
            String component,
            TopologyLayout layout,
            int containerId,
            Delivery delivery,
            int batchSize,
            ComponentFactory components,
            TopologyContext context) {
        this.sourceTask = sourceTask;
        this.layout = layout;
        this.containerId = containerId;
        this.delivery = delivery;
        this.batchSize = batchSize;
        this.localBatches = new TupleBatch[layout.maxTaskId() + 1];
        this.remoteBatches = new TupleBatch[layout.laneCount()];
        int seed = sourceTask;
        for (StreamInfo stream : layout.streamsOf(component).values()) {
            routes.put(
                    stream.stream(),
                    new Route(stream, layout.subscriptions(stream), seed++, components, context, layout));
        }
        this.defaultRoute = routes.get(StreamDeclaration.DEFAULT_STREAM);
    }

    long emitted() {
        return emitted;
    }

    /**
     * Emits on a declared stream.
     *
     * @param lineage makes tracked tuples; null for an untracked emit
     */
    void emit(String stream, List<Object> values, Lineage lineage) {
        emit(route(stream), values, lineage);
    }

    /** Emits on the default stream; see {@link #emit(String, List, Lineage)}. */
    void emitDefault(List<Object> values, Lineage lineage) {
        if (defaultRoute == null) {
            throw new IllegalArgumentException(
                    "this component declared no default stream; declared: " + routes.keySet());
        }
        emit(defaultRoute, values, lineage);
    }

    /**
     * Emits to one task that subscribed to {@code stream} with a direct grouping.
     *
     * @throws IllegalArgumentException if no direct subscription of the stream includes {@code task}
     */
    void emitDirect(int task, String stream, List<Object> values, Lineage lineage) {
        Route route = route(stream);
        checkArity(route, values);
        for (Subscription subscription : route.subscriptions) {
            if (subscription.kind() == Subscription.Kind.DIRECT) {
                for (int candidate : subscription.tasks()) {
                    if (candidate == task) {
                        emitted++;
                        deliver(task, tupleFor(route, values, lineage));
                        return;
                    }
                }
            }
        }
        throw new IllegalArgumentException(
                "task " + task + " did not subscribe to stream '" + stream + "' with a direct grouping");
    }

    /**
     * Sends an acknowledgement to the spout task that holds a root: on that task's own batch when it is in this
     * container, else on the link to its container. Acks travel with tuples and are flushed with them.
     */
    void acknowledge(int spoutTask, long root, long value, byte kind) {
        int target = layout.containerOf(spoutTask);
        if (target == containerId) {
            TupleBatch batch = localBatch(spoutTask);
            batch.addAck(spoutTask, root, value, kind);
            if (batch.isFull()) {
                localBatches[spoutTask] = null;
                dirtyTasks.remove(Integer.valueOf(spoutTask));
                delivery.sendLocal(spoutTask, batch);
            }
        } else {
            int lane = layout.laneOf(spoutTask);
            TupleBatch batch = remoteBatch(lane);
            batch.addAck(spoutTask, root, value, kind);
            if (batch.isFull()) {
                remoteBatches[lane] = null;
                dirtyLanes.remove(Integer.valueOf(lane));
                delivery.sendRemote(lane, batch);
            }
        }
    }

    private Route route(String stream) {
        Route route = routes.get(stream);
        if (route == null) {
            throw new IllegalArgumentException(
                    "stream '" + stream + "' was not declared by this component; declared: " + routes.keySet());
        }
        return route;
    }

    private static void checkArity(Route route, List<Object> values) {
        if (values.size() != route.stream.fields().size()) {
            throw new IllegalArgumentException("stream '" + route.stream.stream() + "' has fields "
                    + route.stream.fields() + " but " + values.size() + " values were emitted");
        }
    }

    private RuntimeTuple tupleFor(Route route, List<Object> values, Lineage lineage) {
        return lineage == null
                ? new RuntimeTuple(sourceTask, route.stream, values)
                : lineage.tupleFor(sourceTask, route.stream, values);
    }

    private void emit(Route route, List<Object> values, Lineage lineage) {
        checkArity(route, values);
        emitted++;
        // Untracked: one tuple object serves every destination. Tracked: each destination gets its own id.
        RuntimeTuple shared = lineage == null ? new RuntimeTuple(sourceTask, route.stream, values) : null;
        Subscription[] subscriptions = route.subscriptions;
        for (int index = 0; index < subscriptions.length; index++) {
            Subscription subscription = subscriptions[index];
            int[] tasks = subscription.tasks();
            switch (subscription.kind()) {
                case SHUFFLE -> {
                    int cursor = route.cursors[index];
                    route.cursors[index] = cursor + 1 == tasks.length ? 0 : cursor + 1;
                    deliver(tasks[cursor], shared, route, values, lineage);
                }
                case FIELDS ->
                    deliver(
                            tasks[Math.floorMod(fieldsHash(values, subscription.fieldIndices()), tasks.length)],
                            shared,
                            route,
                            values,
                            lineage);
                case ALL -> {
                    for (int task : tasks) {
                        deliver(task, shared, route, values, lineage);
                    }
                }
                case GLOBAL -> deliver(tasks[0], shared, route, values, lineage);
                case DIRECT -> {
                    // Only emitDirect reaches a direct subscriber.
                }
                case CUSTOM -> {
                    for (int task : route.custom[index].choose(values)) {
                        deliver(task, shared, route, values, lineage);
                    }
                }
            }
        }
    }

    private void deliver(int task, RuntimeTuple shared, Route route, List<Object> values, Lineage lineage) {
        deliver(task, shared != null ? shared : lineage.tupleFor(sourceTask, route.stream, values));
    }

    /** A hash of the grouping fields that every JVM computes alike (see {@link StableHash}). */
    private int fieldsHash(List<Object> values, int[] fieldIndices) {
        int hash = 1;
        for (int fieldIndex : fieldIndices) {
            hash = 31 * hash + stableHash.of(values.get(fieldIndex));
        }
        return hash;
    }

    private void deliver(int task, RuntimeTuple tuple) {
        int target = layout.containerOf(task);
        if (target == containerId) {
            TupleBatch batch = localBatch(task);
            batch.add(task, tuple);
            if (batch.isFull()) {
                localBatches[task] = null;
                dirtyTasks.remove(Integer.valueOf(task));
                delivery.sendLocal(task, batch);
            }
        } else {
            int lane = layout.laneOf(task);
            TupleBatch batch = remoteBatch(lane);
            batch.add(task, tuple);
            if (batch.isFull()) {
                remoteBatches[lane] = null;
                dirtyLanes.remove(Integer.valueOf(lane));
                delivery.sendRemote(lane, batch);
            }
        }
    }

    private TupleBatch localBatch(int task) {
        TupleBatch batch = localBatches[task];
        if (batch == null) {
            batch = new TupleBatch(batchSize);
            localBatches[task] = batch;
            dirtyTasks.add(task);
        }
        return batch;
    }

    private TupleBatch remoteBatch(int lane) {
        TupleBatch batch = remoteBatches[lane];
        if (batch == null) {
            batch = new TupleBatch(batchSize);
            remoteBatches[lane] = batch;
            dirtyLanes.add(lane);
        }
        return batch;
    }

    /** Hands every partly filled batch on, so that a slow stream is not held back waiting to fill a batch. */
    void flush() {
        for (int index = 0; index < dirtyTasks.size(); index++) {
            int task = dirtyTasks.get(index);
            TupleBatch batch = localBatches[task];
            localBatches[task] = null;
            delivery.sendLocal(task, batch);
        }
        dirtyTasks.clear();
        for (int index = 0; index < dirtyLanes.size(); index++) {
            int lane = dirtyLanes.get(index);
            TupleBatch batch = remoteBatches[lane];
            remoteBatches[lane] = null;
            delivery.sendRemote(lane, batch);
        }
        dirtyLanes.clear();
    }

    private static final class Route {
        private final StreamInfo stream;
        private final Subscription[] subscriptions;
        private final int[] cursors;
        private final CustomRouter[] custom;

        private Route(
                StreamInfo stream,
                List<Subscription> subscriptions,
                int seed,
                ComponentFactory components,
                TopologyContext context,
                TopologyLayout layout) {
            this.stream = stream;
            this.subscriptions = subscriptions.toArray(new Subscription[0]);
            this.cursors = new int[this.subscriptions.length];
            this.custom = new CustomRouter[this.subscriptions.length];
            for (int index = 0; index < cursors.length; index++) {
                // Start shuffles at different tasks so that parallel emitters do not march in step.
                cursors[index] = Math.floorMod(seed + index, this.subscriptions[index].tasks().length);
                if (this.subscriptions[index].kind() == Subscription.Kind.CUSTOM) {
                    custom[index] = new CustomRouter(
                            stream, this.subscriptions[index], components, context, layout.maxTaskId());
                }
            }
        }
    }

    /** An author's grouping for one subscription, with the tasks it may choose from. */
    private static final class CustomRouter {
        private final CustomStreamGrouping grouping;
        private final boolean[] allowed;
        private final String description;

        private CustomRouter(
                StreamInfo stream,
                Subscription subscription,
                ComponentFactory components,
                TopologyContext context,
                int maxTaskId) {
            Grouping.Custom declared = (Grouping.Custom) subscription.grouping();
            this.grouping = components.createGrouping(declared);
            this.allowed = new boolean[maxTaskId + 1];
            List<Integer> targets = new ArrayList<>();
            for (int task : subscription.tasks()) {
                allowed[task] = true;
                targets.add(task);
            }
            this.description = declared.className() + " on stream '" + stream.stream() + "'";
            grouping.prepare(context, stream.component(), stream.stream(), List.copyOf(targets));
        }

        private List<Integer> choose(List<Object> values) {
            List<Integer> chosen = grouping.chooseTasks(values);
            if (chosen == null) {
                throw new IllegalStateException(description + " chose null instead of a list of tasks");
            }
            for (Integer task : chosen) {
                if (task == null || task < 0 || task >= allowed.length || !allowed[task]) {
                    throw new IllegalStateException(
                            description + " chose task " + task + ", which is not a task of the subscribing bolt");
                }
            }
            return chosen;
        }
    }
}
