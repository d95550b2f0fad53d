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
}
