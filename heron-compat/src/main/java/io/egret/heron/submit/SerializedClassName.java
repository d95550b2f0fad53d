package io.egret.heron.submit;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/** Reads the class of a Java-serialized object from its stream header, without loading or running anything. */
final class SerializedClassName {
    private static final int STREAM_MAGIC = 0xACED;
    private static final int TC_OBJECT = 0x73;
    private static final int TC_CLASSDESC = 0x72;

    private SerializedClassName() {}

    /** The class name, or {@code "unknown"} if the bytes do not start with a plain object. */
    static String of(byte[] serialized) {
        try (DataInputStream input = new DataInputStream(new ByteArrayInputStream(serialized))) {
            if (input.readUnsignedShort() != STREAM_MAGIC) {
                return "unknown";
            }
            input.readUnsignedShort();
            if (input.readUnsignedByte() != TC_OBJECT || input.readUnsignedByte() != TC_CLASSDESC) {
                return "unknown";
            }
            return input.readUTF();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
