package io.egret.heron.submit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Optional;

/** The string form of Java-serialized config values that have an obvious one (strings, numbers, booleans). */
final class SerializedValues {
    private SerializedValues() {}

    /** Runs in the author's JVM, whose class path holds the classes of the values. */
    static Optional<String> simpleString(byte[] serialized) {
        Object value;
        try (ObjectInputStream input = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            value = input.readObject();
        } catch (IOException | ClassNotFoundException e) {
            return Optional.empty();
        }
        if (value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Character) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }
}
