package io.egret.executor.packaging;

import static java.util.Objects.requireNonNull;

import io.egret.api.CustomStreamGrouping;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.Grouping;
import io.egret.executor.runtime.ComponentFactory;
import io.egret.executor.runtime.JavaSerialization;

/**
 * Recreates spouts, bolts and custom groupings from the instances the author configured and the API serialized,
 * loading their classes from the author's jar.
 */
public final class SerializedComponentFactory implements ComponentFactory {
    private final ClassLoader classLoader;

    public SerializedComponentFactory(ClassLoader classLoader) {
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    @Override
    public Object create(ComponentDefinition component) {
        return JavaSerialization.read(
                "component '" + component.name() + "' (" + component.className() + ")",
                component.serializedObject(),
                classLoader,
                Object.class);
    }

    @Override
    public CustomStreamGrouping createGrouping(Grouping.Custom grouping) {
        return JavaSerialization.read(
                "custom grouping " + grouping.className(),
                grouping.serializedObject(),
                classLoader,
                CustomStreamGrouping.class);
    }
}
