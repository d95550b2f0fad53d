package io.egret.executor.packaging;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.executor.runtime.ComponentFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * Recreates spouts and bolts from the instances the author configured and the API serialized, loading their
 * classes from the author's jar.
 */
public final class SerializedComponentFactory implements ComponentFactory {
    private final ClassLoader classLoader;

    public SerializedComponentFactory(ClassLoader classLoader) {
        this.classLoader = requireNonNull(classLoader, "classLoader is null");
    }

    @Override
    public Object create(ComponentDefinition component) {
        byte[] serialized = component.serializedObject();
        if (serialized.length == 0) {
            throw EgretException.userError("component '" + component.name() + "' (" + component.className()
                    + ") has no serialized instance; build the topology with Egret's TopologyBuilder");
        }
        try (ObjectInputStream input =
                new TopologyObjectInputStream(new ByteArrayInputStream(serialized), classLoader)) {
            return input.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new EgretException(
                    ErrorCode.USER_ERROR,
                    "cannot recreate component '" + component.name() + "' (" + component.className()
                            + ") from the topology jar: " + e,
                    e);
        }
    }

    private static final class TopologyObjectInputStream extends ObjectInputStream {
        private final ClassLoader classLoader;

        private TopologyObjectInputStream(InputStream input, ClassLoader classLoader) throws IOException {
            super(input);
            this.classLoader = classLoader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(descriptor.getName(), false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(descriptor);
            }
        }
    }
}
