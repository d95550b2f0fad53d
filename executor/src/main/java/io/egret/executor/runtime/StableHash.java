package io.egret.executor.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hash that fields grouping routes by: the same for equal values in every JVM, so a key reaches the same task
 * from every container and after every restart. {@link Object#hashCode()} is not that: enums and classes that do
 * not override it hash by identity, which differs between processes. Types whose {@code hashCode} the JDK
 * specifies (strings, boxed primitives, big numbers) keep it; enums hash their class and constant names; arrays,
 * lists, sets and maps combine their elements' stable hashes the way their {@code hashCode} contracts do; anything
 * else hashes its Kryo-serialized form. One instance per emitting thread: Kryo is not thread-safe.
 */
final class StableHash {
    private Kryo kryo;
    private Output output;

    int of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Character
                || value instanceof Float
                || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return value.hashCode();
        }
        if (value instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (value instanceof Enum<?> constant) {
            return 31 * constant.getDeclaringClass().getName().hashCode()
                    + constant.name().hashCode();
        }
        if (value instanceof List<?> list) {
            int hash = 1;
            for (Object element : list) {
                hash = 31 * hash + of(element);
            }
            return hash;
        }
        if (value instanceof Set<?> set) {
            int hash = 0;
            for (Object element : set) {
                hash += of(element);
            }
            return hash;
        }
        if (value instanceof Map<?, ?> map) {
            int hash = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                hash += of(entry.getKey()) ^ of(entry.getValue());
            }
            return hash;
        }
        if (value.getClass().isArray()) {
            return arrayHash(value);
        }
        return serializedHash(value);
    }

    private int arrayHash(Object array) {
        if (array instanceof Object[] objects) {
            return of(Arrays.asList(objects));
        }
        if (array instanceof int[] ints) {
            return Arrays.hashCode(ints);
        }
        if (array instanceof long[] longs) {
            return Arrays.hashCode(longs);
        }
        if (array instanceof double[] doubles) {
            return Arrays.hashCode(doubles);
        }
        if (array instanceof char[] chars) {
            return Arrays.hashCode(chars);
        }
        if (array instanceof short[] shorts) {
            return Arrays.hashCode(shorts);
        }
        if (array instanceof float[] floats) {
            return Arrays.hashCode(floats);
        }
        return Arrays.hashCode((boolean[]) array);
    }

    private int serializedHash(Object value) {
        if (kryo == null) {
            kryo = new Kryo();
            kryo.setRegistrationRequired(false);
            kryo.setReferences(false);
            output = new Output(256, -1);
        }
        output.reset();
        kryo.writeObject(output, value);
        int hash = 31 * value.getClass().getName().hashCode();
        byte[] buffer = output.getBuffer();
        for (int index = 0, end = output.position(); index < end; index++) {
            hash = 31 * hash + buffer[index];
        }
        return hash;
    }
}
