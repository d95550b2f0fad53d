package io.egret.api;

import java.util.List;

/** A tuple received by a bolt: its values, the fields that name them, and where it came from. */
public interface Tuple {

    /** The number of values. */
    int size();

    /** The value at {@code index}. */
    Object getValue(int index);

    /** The value at {@code index} as a string. */
    default String getString(int index) {
        return (String) getValue(index);
    }

    /** The value at {@code index} as a long. */
    default Long getLong(int index) {
        return (Long) getValue(index);
    }

    /** The value at {@code index} as an integer. */
    default Integer getInteger(int index) {
        return (Integer) getValue(index);
    }

    /** The value at {@code index} as a double. */
    default Double getDouble(int index) {
        return (Double) getValue(index);
    }

    /** The value of the named field. */
    default Object getValueByField(String field) {
        return getValue(getFields().fieldIndex(field));
    }

    /** The value of the named field as a string. */
    default String getStringByField(String field) {
        return (String) getValueByField(field);
    }

    /** The value of the named field as a long. */
    default Long getLongByField(String field) {
        return (Long) getValueByField(field);
    }

    /** The value of the named field as an integer. */
    default Integer getIntegerByField(String field) {
        return (Integer) getValueByField(field);
    }

    /** The fields of the stream this tuple was emitted on. */
    Fields getFields();

    /** All values, in field order; do not modify. */
    List<Object> getValues();

    /** The component that emitted the tuple. */
    String getSourceComponent();

    /** The stream the tuple was emitted on. */
    String getSourceStreamId();

    /** The task id of the emitting instance. */
    int getSourceTask();

    /**
     * Whether this is a tick tuple (component {@link Streams#SYSTEM_COMPONENT}, stream {@link Streams#TICK_STREAM}),
     * sent every {@code topology.tick.tuple.freq.secs} seconds. A tick tuple has no values and needs no ack.
     */
    default boolean isTick() {
        return Streams.SYSTEM_COMPONENT.equals(getSourceComponent()) && Streams.TICK_STREAM.equals(getSourceStreamId());
    }
}
