package io.egret.heron.instance;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;

/**
 * A Heron spout or bolt as Heron's definition carries it: the author's configured object, Java-serialized, or (for
 * components declared by class name) the class to instantiate. Recreated in the container, in the class loader
 * that loaded this class: the topology's, which holds the author's jar and heron-api.
 *
 * @param componentName the component's name in the topology
 * @param className the author's class, for messages and for components declared by class name
 * @param serializedObject the Java-serialized object; empty for a component declared by class name
 */
public record HeronComponent(String componentName, String className, byte[] serializedObject) implements Serializable {
    private static final long serialVersionUID = 1L;

    public HeronComponent {
        requireNonNull(componentName, "componentName is null");
        requireNonNull(className, "className is null");
        serializedObject =
                requireNonNull(serializedObject, "serializedObject is null").clone();
    }

    @Override
    public byte[] serializedObject() {
        return serializedObject.clone();
    }

    /**
     * A fresh instance of the author's component.
     *
     * @throws HeronComponentException naming the component and the cause on one line if it cannot be recreated or
     *     is not a {@code type}
     */
    public <T> T recreate(Class<T> type) {
        ClassLoader loader = HeronComponent.class.getClassLoader();
        Object object;
        try {
            object = serializedObject.length == 0 ? instantiate(loader) : deserialize(serializedObject, loader);
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            throw new HeronComponentException(
                    "cannot recreate Heron component '" + componentName + "' (" + className + "): " + oneLine(e), e);
        }
        if (!type.isInstance(object)) {
            throw new HeronComponentException("Heron component '" + componentName + "' is a "
                    + object.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(object);
    }

    private Object instantiate(ClassLoader loader) throws ReflectiveOperationException {
        try {
            return Class.forName(className, true, loader)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (InvocationTargetException e) {
            throw new ReflectiveOperationException("its constructor failed: " + oneLine(e.getCause()), e.getCause());
        }
    }

    /** Deserializes with {@code loader} first, so that the author's classes are found. */
    static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream input = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return input.readObject();
        }
    }

    static String oneLine(Throwable failure) {
        String text = failure.getMessage() == null
                ? failure.getClass().getName()
                : failure.getClass().getName() + ": " + failure.getMessage();
        return text.replaceAll("\\s+", " ").strip();
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream input, ClassLoader loader) throws IOException {
            super(input);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(descriptor.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(descriptor);
            }
        }
    }
}
