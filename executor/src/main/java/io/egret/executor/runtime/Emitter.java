package io.egret.executor.runtime;

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

    Emitter(
            int sourceTask,
            String component,
            TopologyLayout layout,
            int containerId,
            Delivery delivery,
            int batchSize) {
        this.sourceTask = sourceTask;
        this.layout = layout;
        this.containerId = containerId;
        this.delivery = delivery;
        this.batchSize = batchSize;
        this.localBatches = new TupleBatch[layout.maxTaskId() + 1];
        this.remoteBatches = new TupleBatch[layout.laneCount()];
        int seed = sourceTask;
        for (StreamInfo stream : layout.streamsOf(component).values()) {
            routes.put(stream.stream(), new Route(stream, layout.subscriptions(stream), seed++));
        }
        this.defaultRoute = routes.get(StreamDeclaration.DEFAULT_STREAM);
    }

    long emitted() {
        return emitted;
    }

    void emit(String stream, List<Object> values) {
        Route route = routes.get(stream);
        if (route == null) {
            throw new IllegalArgumentException(
                    "stream '" + stream + "' was not declared by this component; declared: " + routes.keySet());
        }
        emit(route, values);
    }

    void emitDefault(List<Object> values) {
        if (defaultRoute == null) {
            throw new IllegalArgumentException(
                    "this component declared no default stream; declared: " + routes.keySet());
        }
        emit(defaultRoute, values);
    }

    private void emit(Route route, List<Object> values) {
        if (values.size() != route.stream.fields().size()) {
            throw new IllegalArgumentException("stream '" + route.stream.stream() + "' has fields "
                    + route.stream.fields() + " but " + values.size() + " values were emitted");
        }
        emitted++;
        RuntimeTuple tuple = new RuntimeTuple(sourceTask, route.stream, values);
        Subscription[] subscriptions = route.subscriptions;
        for (int index = 0; index < subscriptions.length; index++) {
            Subscription subscription = subscriptions[index];
            int[] tasks = subscription.tasks();
            switch (subscription.kind()) {
                case SHUFFLE -> {
                    int cursor = route.cursors[index];
                    route.cursors[index] = cursor + 1 == tasks.length ? 0 : cursor + 1;
                    deliver(tasks[cursor], tuple);
                }
                case FIELDS ->
                    deliver(tasks[Math.floorMod(fieldsHash(values, subscription.fieldIndices()), tasks.length)], tuple);
                case ALL -> {
                    for (int task : tasks) {
                        deliver(task, tuple);
                    }
                }
                case GLOBAL -> deliver(tasks[0], tuple);
            }
        }
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
            TupleBatch batch = localBatches[task];
            if (batch == null) {
                batch = new TupleBatch(batchSize);
                localBatches[task] = batch;
                dirtyTasks.add(task);
            }
            batch.add(task, tuple);
            if (batch.isFull()) {
                localBatches[task] = null;
                dirtyTasks.remove(Integer.valueOf(task));
                delivery.sendLocal(task, batch);
            }
        } else {
            int lane = layout.laneOf(task);
            TupleBatch batch = remoteBatches[lane];
            if (batch == null) {
                batch = new TupleBatch(batchSize);
                remoteBatches[lane] = batch;
                dirtyLanes.add(lane);
            }
            batch.add(task, tuple);
            if (batch.isFull()) {
                remoteBatches[lane] = null;
                dirtyLanes.remove(Integer.valueOf(lane));
                delivery.sendRemote(lane, batch);
            }
        }
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

        private Route(StreamInfo stream, List<Subscription> subscriptions, int seed) {
            this.stream = stream;
            this.subscriptions = subscriptions.toArray(new Subscription[0]);
            this.cursors = new int[this.subscriptions.length];
            for (int index = 0; index < cursors.length; index++) {
                // Start shuffles at different tasks so that parallel emitters do not march in step.
                cursors[index] = Math.floorMod(seed + index, this.subscriptions[index].tasks().length);
            }
        }
    }
}
