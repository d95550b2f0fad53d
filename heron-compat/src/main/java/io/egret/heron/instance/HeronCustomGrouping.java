package io.egret.heron.instance;

import static java.util.Objects.requireNonNull;

import io.egret.api.CustomStreamGrouping;
import io.egret.api.TopologyContext;
import java.util.List;

/**
 * An Egret custom grouping that runs the author's Heron {@code CustomStreamGrouping}: recreated in the emitting
 * instance, prepared with Heron's {@code TopologyContext}, asked to choose tasks per tuple.
 */
public final class HeronCustomGrouping implements CustomStreamGrouping {
    private static final long serialVersionUID = 1L;

    private final HeronComponent grouping;
    private final byte[] shape;
    private transient org.apache.heron.api.grouping.CustomStreamGrouping heron;

    /**
     * @param grouping the author's grouping as Heron's definition holds it
     * @param shape Heron's definition without the components' objects, for the grouping's {@code TopologyContext}
     */
    public HeronCustomGrouping(HeronComponent grouping, byte[] shape) {
        this.grouping = requireNonNull(grouping, "grouping is null");
        this.shape = requireNonNull(shape, "shape is null").clone();
    }

    @Override
    public void prepare(TopologyContext context, String component, String stream, List<Integer> targetTasks) {
        heron = grouping.recreate(org.apache.heron.api.grouping.CustomStreamGrouping.class);
        heron.prepare(
                new HeronContext(context, Shapes.parse(shape, grouping.componentName())),
                component,
                stream,
                targetTasks);
    }

    @Override
    public List<Integer> chooseTasks(List<Object> values) {
        return heron.chooseTasks(values);
    }
}
