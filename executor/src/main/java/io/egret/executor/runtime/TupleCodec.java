package io.egret.executor.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import java.util.ArrayList;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Writes batches of tuples for the wire and reads them back. Strings, longs, integers, doubles, booleans and byte
 * arrays take a hand-written path (a tag byte and the value); anything else goes through Kryo with its class name.
 * One codec per thread: Kryo is not thread-safe.
 */
final class TupleCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INTEGER = 3;
    private static final byte DOUBLE = 4;
    private static final byte BYTES = 5;
    private static final byte BOOLEAN = 6;
    private static final byte KRYO = 7;
    private static final int[] NO_TASKS = new int[0];
    private static final long[] NO_ROOTS = new long[0];

    private final Kryo kryo;
    private final TopologyLayout layout;

    TupleCodec(TopologyLayout layout, ClassLoader topologyClassLoader) {
        this.layout = layout;
        this.kryo = new Kryo();
        kryo.setRegistrationRequired(false);
        kryo.setReferences(false);
        kryo.setClassLoader(topologyClassLoader);
        // Author value classes need not have a no-argument constructor.
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    }

    /**
     * Appends a batch: tuple count, ack count, then per tuple destination, source, stream, values and roots (count, then task,
     * root id and tuple id each; none for an untracked tuple); then per ack task, kind, root id and value.
     */
    void write(Output output, TupleBatch batch) {
        output.writeVarInt(batch.size, true);
        output.writeVarInt(batch.ackCount, true);
        for (int index = 0; index < batch.size; index++) {
            RuntimeTuple tuple = batch.tuples[index];
            output.writeVarInt(batch.destinations[index], true);
            output.writeVarInt(tuple.sourceTask, true);
            output.writeVarInt(tuple.stream.index(), true);
            List<Object> values = tuple.values;
            int count = values.size();
            output.writeVarInt(count, true);
            for (int valueIndex = 0; valueIndex < count; valueIndex++) {
                writeValue(output, values.get(valueIndex));
            }
            int roots = tuple.rootIds.length;
            output.writeVarInt(roots, true);
            for (int root = 0; root < roots; root++) {
                output.writeVarInt(tuple.rootTasks[root], true);
                output.writeLong(tuple.rootIds[root]);
                output.writeLong(tuple.tupleId(root));
            }
        }
        for (int index = 0; index < batch.ackCount; index++) {
            output.writeVarInt(batch.ackTasks[index], true);
            output.writeByte(batch.ackKinds[index]);
            output.writeLong(batch.ackRoots[index]);
            output.writeLong(batch.ackValues[index]);
        }
    }

    private void writeValue(Output output, Object value) {
        if (value == null) {
            output.writeByte(NULL);
        } else if (value instanceof String string) {
            output.writeByte(STRING);
            output.writeString(string);
        } else if (value instanceof Long number) {
            output.writeByte(LONG);
            output.writeVarLong(number, false);
        } else if (value instanceof Integer number) {
            output.writeByte(INTEGER);
            output.writeVarInt(number, false);
        } else if (value instanceof Double number) {
            output.writeByte(DOUBLE);
            output.writeDouble(number);
        } else if (value instanceof byte[] bytes) {
            output.writeByte(BYTES);
            output.writeVarInt(bytes.length, true);
            output.writeBytes(bytes);
        } else if (value instanceof Boolean flag) {
            output.writeByte(BOOLEAN);
            output.writeBoolean(flag);
        } else {
            output.writeByte(KRYO);
            kryo.writeClassAndObject(output, value);
        }
    }

    /** Reads one batch written by {@link #write}; destinations are in {@link TupleBatch#destinations}. */
    TupleBatch read(Input input) {
        int size = input.readVarInt(true);
        int acks = input.readVarInt(true);
        TupleBatch batch = new TupleBatch(Math.max(1, Math.max(size, acks)));
        int[] lastTasks = NO_TASKS;
        long[] lastRoots = NO_ROOTS;
        for (int index = 0; index < size; index++) {
            int destination = input.readVarInt(true);
            int source = input.readVarInt(true);
            StreamInfo stream = layout.stream(input.readVarInt(true));
            int count = input.readVarInt(true);
            List<Object> values = new ArrayList<>(count);
            for (int valueIndex = 0; valueIndex < count; valueIndex++) {
                values.add(readValue(input));
            }
            int roots = input.readVarInt(true);
            if (roots == 0) {
                batch.add(destination, new RuntimeTuple(source, stream, values));
                continue;
            }
            if (roots == 1) {
                int task = input.readVarInt(true);
                long root = input.readLong();
                long id = input.readLong();
                // The tuples of one tree often travel together: they share their root arrays, as when emitted.
                if (lastTasks.length != 1 || lastTasks[0] != task || lastRoots[0] != root) {
                    lastTasks = new int[] {task};
                    lastRoots = new long[] {root};
                }
                batch.add(destination, new RuntimeTuple(source, stream, values, lastTasks, lastRoots, id));
                continue;
            }
            int[] rootTasks = new int[roots];
            long[] rootIds = new long[roots];
            long[] tupleIds = new long[roots];
            boolean oneId = true;
            for (int root = 0; root < roots; root++) {
                rootTasks[root] = input.readVarInt(true);
                rootIds[root] = input.readLong();
                tupleIds[root] = input.readLong();
                oneId &= tupleIds[root] == tupleIds[0];
            }
            batch.add(
                    destination,
                    oneId
                            ? new RuntimeTuple(source, stream, values, rootTasks, rootIds, tupleIds[0])
                            : new RuntimeTuple(source, stream, values, rootTasks, rootIds, tupleIds));
        }
        for (int index = 0; index < acks; index++) {
            int task = input.readVarInt(true);
            byte kind = input.readByte();
            batch.addAck(task, input.readLong(), input.readLong(), kind);
        }
        return batch;
    }

    private Object readValue(Input input) {
        byte tag = input.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING -> input.readString();
            case LONG -> input.readVarLong(false);
            case INTEGER -> input.readVarInt(false);
            case DOUBLE -> input.readDouble();
            case BYTES -> input.readBytes(input.readVarInt(true));
            case BOOLEAN -> input.readBoolean();
            case KRYO -> kryo.readClassAndObject(input);
            default -> throw new IllegalStateException("unknown value tag " + tag + " in a tuple frame");
        };
    }
}
