package io.egret.heron.instance;

import static java.util.Objects.requireNonNull;

import io.egret.api.Bolt;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.TopologyContext;
import io.egret.api.Tuple;
import java.util.HashMap;
import java.util.Map;
import org.apache.heron.api.bolt.IRichBolt;
import org.apache.heron.api.tuple.Fields;

/**
 * An Egret bolt that runs the author's Heron bolt (also a basic or windowed bolt, which Heron's builder wraps in a
 * rich one): recreated from the definition in {@link #prepare}, then {@code execute} per tuple and
 * {@code cleanup}. A bolt that cannot be recreated or whose {@code prepare} throws stops the container with a
 * one-line reason naming it.
 */
public final class HeronBoltAdapter implements Bolt {
    private static final long serialVersionUID = 1L;

    private final HeronComponent component;
    private final byte[] shape;
    private transient IRichBolt bolt;
    private transient Map<String, Fields> fieldsByStream;
    private transient TaskHooks hooks;

    /**
     * @param component the author's bolt as Heron's definition holds it
     * @param shape Heron's definition without the components' objects, for the bolt's {@code TopologyContext}
     */
    public HeronBoltAdapter(HeronComponent component, byte[] shape) {
        this.component = requireNonNull(component, "component is null");
        this.shape = requireNonNull(shape, "shape is null").clone();
    }

    @Override
    public void prepare(Map<String, String> config, TopologyContext context, OutputCollector egretCollector) {
        IRichBolt created = bolt();
        fieldsByStream = new HashMap<>();
        Map<String, Object> heronConfig = HeronConfig.toHeron(config, component.componentName());
        HeronContext heronContext = new HeronContext(context, Shapes.parse(shape, component.componentName()));
        hooks = heronContext.hooks();
        hooks.addAutomatic(heronConfig, component.componentName());
        try {
            created.prepare(
                    heronConfig,
                    heronContext,
                    new org.apache.heron.api.bolt.OutputCollector(
                            new BoltCollector(egretCollector, component.componentName(), hooks)));
            hooks.prepare(heronConfig, heronContext);
        } catch (HeronComponentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new HeronComponentException(
                    "Heron bolt '" + component.componentName() + "' (" + component.className() + ") failed in prepare: "
                            + HeronComponent.oneLine(e),
                    e);
        }
    }

    @Override
    public void execute(Tuple tuple) {
        if (hooks.isEmpty()) {
            bolt.execute(new HeronTuple(tuple, fields(tuple)));
            return;
        }
        long startedAt = System.nanoTime();
        HeronTuple heronTuple = new HeronTuple(tuple, fields(tuple), startedAt);
        bolt.execute(heronTuple);
        hooks.boltExecuted(heronTuple, startedAt);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        bolt().declareOutputFields(new HeronDeclarer(declarer));
    }

    @Override
    public void cleanup() {
        if (bolt != null) {
            bolt.cleanup();
        }
        if (hooks != null) {
            hooks.cleanup();
        }
    }

    /** Heron's fields of the tuple's stream, made once per source stream. */
    private Fields fields(Tuple tuple) {
        String key = tuple.getSourceComponent() + '\u0000' + tuple.getSourceStreamId();
        Fields fields = fieldsByStream.get(key);
        if (fields == null) {
            java.util.List<String> names = new java.util.ArrayList<>();
            tuple.getFields().forEach(names::add);
            fields = new Fields(names);
            fieldsByStream.put(key, fields);
        }
        return fields;
    }

    private IRichBolt bolt() {
        if (bolt == null) {
            bolt = component.recreate(IRichBolt.class);
        }
        return bolt;
    }
}
