package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** How the tuples of a stream are distributed over the instances of a consuming bolt. */
public sealed interface Grouping {
    /** Each tuple goes to one instance, chosen to spread load evenly. */
    record Shuffle() implements Grouping {}

    /** Tuples with equal values in the named fields go to the same instance. */
    record Fields(List<String> fields) implements Grouping {
        public Fields {
            fields = List.copyOf(requireNonNull(fields, "fields is null"));
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a fields grouping needs at least one field");
            }
        }
    }

    /** Every instance receives every tuple. */
    record All() implements Grouping {}

    /** Every tuple goes to a single instance (the one with the lowest task id). */
    record Global() implements Grouping {}

    /** The emitter chooses the receiving task itself ({@code emitDirect}); plain emits do not reach it. */
    record Direct() implements Grouping {}

    /** The author does not care which instance receives a tuple; routed as {@link Shuffle}, as in Heron. */
    record None() implements Grouping {}

    /**
     * The author's own routing: a serialized instance of the API's {@code CustomStreamGrouping}, recreated from
     * the topology jar in each container.
     *
     * @param className the grouping's class, for messages
     * @param serializedObject the Java-serialized grouping
     */
    record Custom(String className, byte[] serializedObject) implements Grouping {
        public Custom {
            requireNonNull(className, "className is null");
            serializedObject =
                    requireNonNull(serializedObject, "serializedObject is null").clone();
            if (serializedObject.length == 0) {
                throw new IllegalArgumentException("a custom grouping needs its serialized instance");
            }
        }

        @Override
        public byte[] serializedObject() {
            return serializedObject.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Custom that
                    && className.equals(that.className)
                    && java.util.Arrays.equals(serializedObject, that.serializedObject);
        }

        @Override
        public int hashCode() {
            return 31 * className.hashCode() + java.util.Arrays.hashCode(serializedObject);
        }

        @Override
        public String toString() {
            return "Custom[" + className + "]";
        }
    }

    static Grouping shuffle() {
        return new Shuffle();
    }

    static Grouping fields(String... fields) {
        return new Fields(List.of(fields));
    }

    static Grouping all() {
        return new All();
    }

    static Grouping global() {
        return new Global();
    }

    static Grouping direct() {
        return new Direct();
    }

    static Grouping none() {
        return new None();
    }
}
