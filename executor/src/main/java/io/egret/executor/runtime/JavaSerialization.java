package io.egret.executor.runtime;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/** Reads author objects (spouts, bolts, groupings) that the API serialized, loading classes from a given loader. */
public final class JavaSerialization {
    private JavaSerialization() {}

    /**
     * @param what names the object in the error
     * @throws EgretException {@code USER_ERROR} if the object cannot be read or is not of the expected type
     */
    public static <T> T read(String what, byte[] serialized, ClassLoader classLoader, Class<T> type) {
        if (serialized.length == 0) {
            throw EgretException.userError(
                    what + " has no serialized instance; build the topology with Egret's TopologyBuilder");
        }
        Object object;
        try (ObjectInputStream input = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), classLoader)) {
            object = input.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new EgretException(
                    ErrorCode.USER_ERROR, "cannot recreate " + what + " from the topology jar: " + e, e);
        }
        if (!type.isInstance(object)) {
            throw EgretException.userError(what + " is a " + object.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(object);
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader classLoader;

        private LoaderObjectInputStream(InputStream input, ClassLoader classLoader) throws IOException {
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
