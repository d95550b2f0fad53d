package io.egret.heron.instance;

import static java.util.Objects.requireNonNull;

import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.TopologyContext;
import java.util.Map;
import org.apache.heron.api.spout.IRichSpout;

/**
 * An Egret spout that runs the author's Heron spout: recreated from the definition in {@link #open}, then driven
 * through Heron's lifecycle ({@code open}, {@code activate}, {@code nextTuple}, {@code ack}, {@code fail},
 * {@code deactivate}, {@code close}). A spout that cannot be recreated or whose {@code open} throws stops the container with a
 * one-line reason naming it.
 */
public final class HeronSpoutAdapter implements Spout {
    private static final long serialVersionUID = 1L;

    private final HeronComponent component;
    private final byte[] shape;
    private transient IRichSpout spout;
    private transient TaskHooks hooks;

    /**
     * @param component the author's spout as Heron's definition holds it
     * @param shape Heron's definition without the components' objects, for the spout's {@code TopologyContext}
     */
    public HeronSpoutAdapter(HeronComponent component, byte[] shape) {
        this.component = requireNonNull(component, "component is null");
        this.shape = requireNonNull(shape, "shape is null").clone();
    }

    @Override
    public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector egretCollector) {
        IRichSpout created = spout();
        Map<String, Object> heronConfig = HeronConfig.toHeron(config, component.componentName());
        HeronContext heronContext = new HeronContext(context, Shapes.parse(shape, component.componentName()));
        hooks = heronContext.hooks();
        hooks.addAutomatic(heronConfig, component.componentName());
        try {
            created.open(
                    heronConfig,
                    heronContext,
                    new org.apache.heron.api.spout.SpoutOutputCollector(new SpoutCollector(egretCollector, hooks)));
            hooks.prepare(heronConfig, heronContext);
        } catch (HeronComponentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new HeronComponentException(
                    "Heron spout '" + component.componentName() + "' (" + component.className() + ") failed in open: "
                            + HeronComponent.oneLine(e),
                    e);
        }
    }

    @Override
    public void nextTuple() {
        spout.nextTuple();
    }

    @Override
    public void ack(Object messageId) {
        spout.ack(messageId);
        hooks.spoutAcked(messageId);
    }

    @Override
    public void fail(Object messageId) {
        spout.fail(messageId);
        hooks.spoutFailed(messageId);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        spout().declareOutputFields(new HeronDeclarer(declarer));
    }

    @Override
    public void activate() {
        spout.activate();
    }

    @Override
    public void deactivate() {
        spout.deactivate();
    }

    @Override
    public void close() {
        if (spout != null) {
            spout.close();
        }
        if (hooks != null) {
            hooks.cleanup();
        }
    }

    private IRichSpout spout() {
        if (spout == null) {
            spout = component.recreate(IRichSpout.class);
        }
        return spout;
    }
}
