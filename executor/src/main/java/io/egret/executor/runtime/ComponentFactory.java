package io.egret.executor.runtime;

import io.egret.api.CustomStreamGrouping;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.Grouping;

/** Creates a fresh spout or bolt object for one instance of a component. */
@FunctionalInterface
public interface ComponentFactory {

    /**
     * @return a new {@link io.egret.api.Spout} or {@link io.egret.api.Bolt}, never shared between instances
     */
    Object create(ComponentDefinition component);

    /**
     * A fresh instance of an author's custom grouping, for one emitting instance. The default deserializes it with
     * this factory's class loader; a factory that loads the author's classes from a jar overrides it.
     */
    default CustomStreamGrouping createGrouping(Grouping.Custom grouping) {
        return JavaSerialization.read(
                "custom grouping " + grouping.className(),
                grouping.serializedObject(),
                getClass().getClassLoader(),
                CustomStreamGrouping.class);
    }
}
