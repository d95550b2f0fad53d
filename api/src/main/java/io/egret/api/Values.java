package io.egret.api;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The values of one tuple, in the order of the stream's {@link Fields}: {@code collector.emit(new Values(word,
 * 1L))}. Strings, longs, integers, doubles, booleans and byte arrays travel fastest between containers; other
 * values are serialized with Kryo.
 */
public final class Values extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    /** Values in field order. */
    public Values(Object... values) {
        super(Arrays.asList(values));
    }
}
