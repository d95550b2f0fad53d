package io.egret.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.api.Bolt;
import io.egret.api.Spout;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.executor.RuntimeOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The instances of one container, each on its own thread, with bounded queues between them. Tuples for tasks in
 * this container stay in memory; tuples for other containers go to a {@link RemoteSender}.
 */
public final class ContainerRuntime implements AutoCloseable {
    private static final Logger LOGGER = System.getLogger(ContainerRuntime.class.getName());

    private final TopologyLayout layout;
    private final int containerId;
    private final RuntimeOptions options;
    private final RemoteSender remote;
    private final Consumer<Throwable> fatal;
    private final BoltRunner[] boltsByTask;
    private final SpoutRunner[] spoutsByTask;
    private final List<SpoutRunner> spouts = new ArrayList<>();
    private final List<BoltRunner> bolts = new ArrayList<>();
    private final List<Thread> spoutThreads = new ArrayList<>();
    private final List<Thread> boltThreads = new ArrayList<>();
    private final List<InstanceContext> contexts = new ArrayList<>();
    /** Tuples for a component that this container could not hand on, by component. */
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    private volatile boolean closing;
    private volatile long abandonAt = Long.MAX_VALUE;

    /**
     * @param remote receives batches for other containers; {@link RemoteSender#NONE} when all tasks are here
     * @param fatal called when an instance cannot start (its spout or bolt failed in open or prepare)
     */
    public ContainerRuntime(
            TopologyLayout layout,
            int containerId,
            ComponentFactory components,
            RemoteSender remote,
            RuntimeOptions options,
            boolean active,
            Consumer<Throwable> fatal) {
        this(layout, containerId, components, remote, options, active, layout.definition(), List.of(), fatal);
    }

    /**
     * @param remote receives batches for other containers; {@link RemoteSender#NONE} when all tasks are here
     * @param configSource the definition whose topology and component config instances start from: the stored
     *     one, which holds every runtime-config change recorded so far, or else the packaged one
     * @param runtimeConfig every runtime-config override applied to the topology so far, in order
     * @param fatal called when an instance cannot start (its spout or bolt failed in open or prepare)
     */
    public ContainerRuntime(
            TopologyLayout layout,
            int containerId,
            ComponentFactory components,
            RemoteSender remote,
            RuntimeOptions options,
            boolean active,
            TopologyDefinition configSource,
            List<RuntimeConfigChange> runtimeConfig,
            Consumer<Throwable> fatal) {
        requireNonNull(configSource, "configSource is null");
        requireNonNull(runtimeConfig, "runtimeConfig is null");
        this.layout = requireNonNull(layout, "layout is null");
        this.containerId = containerId;
        this.remote = requireNonNull(remote, "remote is null");
        this.options = requireNonNull(options, "options is null");
        this.fatal = requireNonNull(fatal, "fatal is null");
        requireNonNull(components, "components is null");
        this.boltsByTask = new BoltRunner[layout.maxTaskId() + 1];
        this.spoutsByTask = new SpoutRunner[layout.maxTaskId() + 1];
        Delivery delivery = new ContainerDelivery();
        for (InstanceId id : layout.instancesIn(containerId)) {
            ComponentDefinition component =
                    layout.definition().component(id.component()).orElseThrow();
            Map<String, String> config = new HashMap<>(configSource.config());
            config.putAll(configSource
                    .component(id.component())
                    .map(ComponentDefinition::config)
                    .orElse(component.config()));
            InstanceContext context = new InstanceContext(layout, id, config, runtimeConfig);
            contexts.add(context);
            Map<String, String> instanceConfig = context.getConfig();
            Reliability reliability = Reliability.of(configSource.config(), instanceConfig);
            Emitter emitter = new Emitter(
                    id.taskId(),
                    id.component(),
                    layout,
                    containerId,
                    delivery,
                    options.batchSize(),
                    components,
                    context);
            Object instance = components.create(component);
            if (instance instanceof Spout spout) {
                SpoutRunner runner = new SpoutRunner(id, emitter, spout, instanceConfig, context, active, reliability);
                spouts.add(runner);
                spoutsByTask[id.taskId()] = runner;
            } else if (instance instanceof Bolt bolt) {
                BoltRunner runner =
                        new BoltRunner(id, emitter, bolt, instanceConfig, context, options.queueBatches(), reliability);
                bolts.add(runner);
                boltsByTask[id.taskId()] = runner;
            } else {
                throw new IllegalArgumentException("component '" + id.component() + "' created a "
                        + instance.getClass().getName() + ", which is neither a Spout nor a Bolt");
            }
        }
    }

    /** Starts every instance thread: bolts first, so that the first tuples find their queues served. */
    public void start() {
        for (BoltRunner bolt : bolts) {
            boltThreads.add(startThread(bolt));
        }
        for (SpoutRunner spout : spouts) {
            spoutThreads.add(startThread(spout));
        }
    }

    private Thread startThread(InstanceRunner runner) {
        Thread thread = new Thread(runner, "instance-" + runner.id.component() + "-" + runner.id.taskId());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((failed, exception) -> {
            if (!closing) {
                LOGGER.log(Level.ERROR, runner.id + " stopped: " + exception, exception);
                fatal.accept(exception);
            }
        });
        thread.start();
        return thread;
    }

    public int containerId() {
        return containerId;
    }

    public TopologyLayout layout() {
        return layout;
    }

    /**
     * Gives every instance's context the base config overlaid by {@code runtimeConfig}, the full list of overrides;
     * instances see the new values the next time they read their context's config.
     */
    public void applyRuntimeConfig(List<RuntimeConfigChange> runtimeConfig) {
        requireNonNull(runtimeConfig, "runtimeConfig is null");
        for (InstanceContext context : contexts) {
            context.applyRuntimeConfig(runtimeConfig);
        }
    }

    /** Asks every spout to start or stop emitting; see {@link #awaitSpouts}. */
    public void setActive(boolean active) {
        for (SpoutRunner spout : spouts) {
            spout.setActive(active);
        }
    }

    /**
     * Waits until every spout acted on the flag: when stopping, until each finished its current round and flushed
     * what it emitted.
     *
     * @return false if a spout did not get there in time (for example, blocked by backpressure)
     */
    public boolean awaitSpouts(boolean active, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SpoutRunner spout : spouts) {
            while (spout.isEmitting() != active) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    TimeUnit.MICROSECONDS.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Counts per component in this container, in definition order. */
    public Map<String, ComponentCounters> counters() {
        Map<String, ComponentCounters> result = new LinkedHashMap<>();
        for (ComponentDefinition component : layout.definition().components()) {
            if (layout.instancesIn(containerId).stream()
                    .anyMatch(id -> id.component().equals(component.name()))) {
                result.put(component.name(), new ComponentCounters(0, 0, 0, 0, 0, 0, 0, 0));
            }
        }
        List<InstanceRunner> all = new ArrayList<>(spouts);
        all.addAll(bolts);
        for (InstanceRunner runner : all) {
            result.merge(runner.id.component(), runner.counters(), ComponentCounters::plus);
        }
        dropped.forEach((component, count) -> result.merge(
                component, new ComponentCounters(0, 0, 0, 0, 0, 0, 0, count.sum()), ComponentCounters::plus));
        return result;
    }

    /**
     * Puts a batch that arrived from another container on a local task's queue, waiting while it is full.
     *
     * @return false if the task is not a bolt of this container or the runtime is closing
     */
    public boolean deliverFromRemote(int taskId, TupleBatch batch) {
        if (taskId >= boltsByTask.length || boltsByTask[taskId] == null) {
            drop(taskId, batch.size);
            return false;
        }
        return putOrDrop(taskId, batch);
    }

    /**
     * Counts tuples for a task that could not be handed on (the runtime is closing, or the task is not a bolt of
     * this container): they show as {@code dropped} of the task's component, like those lost on a link.
     */
    void drop(int taskId, long tuples) {
        String component = layout.componentOf(taskId);
        if (tuples > 0 && component != null) {
            dropped.computeIfAbsent(component, key -> new LongAdder()).add(tuples);
        }
    }

    private boolean putOrDrop(int taskId, TupleBatch batch) {
        if (put(boltsByTask[taskId], batch)) {
            return true;
        }
        drop(taskId, batch.size);
        return false;
    }

    /**
     * Hands the acks of a batch that arrived from another container to the spout tasks they are for; never waits.
     *
     * @return the number of acks for tasks that are not spouts of this container (dropped)
     */
    public int deliverAcksFromRemote(TupleBatch batch) {
        int unknown = 0;
        List<SpoutRunner> given = new ArrayList<>(2);
        for (int index = 0; index < batch.ackCount; index++) {
            int task = batch.ackTasks[index];
            SpoutRunner spout = task < spoutsByTask.length ? spoutsByTask[task] : null;
            if (spout == null) {
                unknown++;
            } else if (!given.contains(spout)) {
                // Each spout reads the whole batch and skips acks for other tasks: hand it over once per spout.
                spout.receiveAcks(batch);
                given.add(spout);
            }
        }
        return unknown;
    }

    private boolean put(BoltRunner bolt, TupleBatch batch) {
        if (closing && !bolt.running) {
            // A stopped bolt never takes what its queue still accepts.
            return false;
        }
        try {
            while (!bolt.queue.offer(batch, 20, TimeUnit.MILLISECONDS)) {
                if (closing && (!bolt.running || System.nanoTime() > abandonAt)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops cleanly: spouts stop and flush, bolts drain their queues for at most {@code drain}, then stop and run
     * their cleanup.
     */
    public void close(Duration drain) {
        abandonAt = System.nanoTime() + drain.toNanos();
        closing = true;
        for (SpoutRunner spout : spouts) {
            spout.stop();
            spout.setActive(false);
        }
        join(spoutThreads, Duration.ofSeconds(2));
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && bolts.stream().anyMatch(bolt -> !bolt.queue.isEmpty())) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (BoltRunner bolt : bolts) {
            bolt.stop();
        }
        join(boltThreads, Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        close(Duration.ofMillis(500));
    }

    private static void join(List<Thread> threads, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class ContainerDelivery implements Delivery {
        @Override
        public void sendLocal(int taskId, TupleBatch batch) {
            BoltRunner bolt = boltsByTask[taskId];
            if (bolt == null && spoutsByTask[taskId] != null) {
                spoutsByTask[taskId].receiveAcks(batch);
                return;
            }
            if (bolt == null) {
                throw new IllegalStateException("task " + taskId + " is not a bolt in container " + containerId);
            }
            putOrDrop(taskId, batch);
        }

        @Override
        public void sendRemote(int lane, TupleBatch batch) {
            remote.send(lane, batch);
        }
    }
}
