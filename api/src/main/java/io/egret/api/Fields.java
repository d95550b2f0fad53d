package io.egret.api;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The ordered field names of a stream's tuples, for example {@code new Fields("word", "count")}. */
public final class Fields implements Iterable<String>, Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final Map<String, Integer> positions;

    /** Declares fields in order; names must be distinct. */
    public Fields(String... names) {
        this(List.of(requireNonNull(names, "names is null")));
    }

    /** Declares fields in order; names must be distinct. */
    public Fields(List<String> names) {
        this.names = List.copyOf(requireNonNull(names, "names is null"));
        Map<String, Integer> byName = new HashMap<>();
        for (int index = 0; index < this.names.size(); index++) {
            if (byName.put(this.names.get(index), index) != null) {
                throw new IllegalArgumentException(
                        "field '" + this.names.get(index) + "' is declared twice in " + this.names);
            }
        }
        this.positions = Map.copyOf(byName);
    }

    /** The number of fields. */
    public int size() {
        return names.size();
    }

    /** The name of the field at {@code index}. */
    public String get(int index) {
        return names.get(index);
    }

    /**
     * The position of a field.
     *
     * @throws IllegalArgumentException if there is no such field
     */
    public int fieldIndex(String field) {
        Integer index = positions.get(field);
        if (index == null) {
            throw new IllegalArgumentException("no field '" + field + "' in " + names);
        }
        return index;
    }

    /** Whether a field of that name exists. */
    public boolean contains(String field) {
        return positions.containsKey(field);
    }

    /** The field names, in order. */
    public List<String> toList() {
        return names;
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fields that && names.equals(that.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
