package io.egret.heron.instance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.heron.api.Config;
import org.apache.heron.api.hooks.ITaskHook;
import org.apache.heron.api.hooks.info.BoltAckInfo;
import org.apache.heron.api.hooks.info.BoltExecuteInfo;
import org.apache.heron.api.hooks.info.BoltFailInfo;
import org.apache.heron.api.hooks.info.EmitInfo;
import org.apache.heron.api.hooks.info.SpoutAckInfo;
import org.apache.heron.api.hooks.info.SpoutFailInfo;
import org.apache.heron.api.topology.TopologyContext;
import org.apache.heron.api.tuple.Tuple;

/**
 * The Heron task hooks of one instance, called as Heron calls them: the hooks named in
 * {@code topology.auto.task.hooks} and those the component adds with {@code addTaskHook}; {@code prepare} once,
 * after the component's {@code open} or {@code prepare}, {@code cleanup} after its {@code close} or
 * {@code cleanup}; an event per emit (the receiving tasks are not known, as in Heron), bolt execute, ack and fail,
 * and spout ack and fail, with the latencies measured here. With no hook, nothing is measured or kept.
 */
final class TaskHooks {
    private final int taskId;
    private final List<ITaskHook> hooks = new ArrayList<>();
    /** When each pending message id was emitted, for the spout's ack and fail latencies; only while hooks exist. */
    private final Map<Object, Long> emittedAt = new HashMap<>();

    TaskHooks(int taskId) {
        this.taskId = taskId;
    }

    /**
     * Creates the hooks that {@code topology.auto.task.hooks} names (a list of class names with a public no-argument
     * constructor), in the topology's class loader.
     *
     * @throws HeronComponentException naming the hook if one cannot be created
     */
    void addAutomatic(Map<String, Object> heronConfig, String componentName) {
        Object names = heronConfig.get(Config.TOPOLOGY_AUTO_TASK_HOOKS);
        if (names == null) {
            return;
        }
        for (String className : classNames(names)) {
            try {
                Object hook = Class.forName(className, true, TaskHooks.class.getClassLoader())
                        .getDeclaredConstructor()
                        .newInstance();
                if (!(hook instanceof ITaskHook taskHook)) {
                    throw new HeronComponentException("task hook " + className + " of component '" + componentName
                            + "' is not an " + ITaskHook.class.getName());
                }
                hooks.add(taskHook);
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new HeronComponentException(
                        "cannot create task hook " + className + " of component '" + componentName + "': "
                                + HeronComponent.oneLine(e),
                        e);
            }
        }
    }

    private static List<String> classNames(Object names) {
        List<String> result = new ArrayList<>();
        if (names instanceof Collection<?> collection) {
            collection.forEach(name -> result.add(String.valueOf(name).strip()));
        } else {
            // A list kept as its string form: "[a.B, c.D]".
            String text = names.toString().strip();
            if (text.startsWith("[") && text.endsWith("]")) {
                text = text.substring(1, text.length() - 1);
            }
            for (String name : text.split(",")) {
                result.add(name.strip());
            }
        }
        result.removeIf(String::isEmpty);
        return result;
    }

    void add(ITaskHook hook) {
        hooks.add(hook);
    }

    /** The hooks themselves, as Heron's {@code getHooks()} hands them out: a hook added to it is called too. */
    Collection<ITaskHook> all() {
        return hooks;
    }

    boolean isEmpty() {
        return hooks.isEmpty();
    }

    /** Prepares the hooks there are now; hooks added later are used without {@code prepare}, as in Heron. */
    void prepare(Map<String, Object> heronConfig, TopologyContext context) {
        for (ITaskHook hook : List.copyOf(hooks)) {
            hook.prepare(heronConfig, context);
        }
    }

    void cleanup() {
        for (ITaskHook hook : hooks) {
            hook.cleanup();
        }
    }

    void emitted(String stream, List<Object> values, Object messageId) {
        if (hooks.isEmpty()) {
            return;
        }
        if (messageId != null) {
            emittedAt.put(messageId, System.nanoTime());
        }
        EmitInfo info = new EmitInfo(values, stream, taskId, null);
        for (ITaskHook hook : hooks) {
            hook.emit(info);
        }
    }

    void spoutAcked(Object messageId) {
        if (hooks.isEmpty()) {
            return;
        }
        SpoutAckInfo info = new SpoutAckInfo(messageId, taskId, since(emittedAt.remove(messageId)));
        for (ITaskHook hook : hooks) {
            hook.spoutAck(info);
        }
    }

    void spoutFailed(Object messageId) {
        if (hooks.isEmpty()) {
            return;
        }
        SpoutFailInfo info = new SpoutFailInfo(messageId, taskId, since(emittedAt.remove(messageId)));
        for (ITaskHook hook : hooks) {
            hook.spoutFail(info);
        }
    }

    void boltExecuted(Tuple tuple, long startedAt) {
        if (hooks.isEmpty()) {
            return;
        }
        BoltExecuteInfo info = new BoltExecuteInfo(tuple, taskId, since(startedAt));
        for (ITaskHook hook : hooks) {
            hook.boltExecute(info);
        }
    }

    void boltAcked(Tuple tuple) {
        if (hooks.isEmpty()) {
            return;
        }
        BoltAckInfo info = new BoltAckInfo(tuple, taskId, since(receivedAt(tuple)));
        for (ITaskHook hook : hooks) {
            hook.boltAck(info);
        }
    }

    void boltFailed(Tuple tuple) {
        if (hooks.isEmpty()) {
            return;
        }
        BoltFailInfo info = new BoltFailInfo(tuple, taskId, since(receivedAt(tuple)));
        for (ITaskHook hook : hooks) {
            hook.boltFail(info);
        }
    }

    private static Long receivedAt(Tuple tuple) {
        return tuple instanceof HeronTuple received && received.receivedAt() != 0 ? received.receivedAt() : null;
    }

    private static Duration since(Long startedAt) {
        return startedAt == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - startedAt));
    }
}
