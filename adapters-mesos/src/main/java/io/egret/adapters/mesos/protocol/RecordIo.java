package io.egret.adapters.mesos.protocol;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Mesos's RecordIO framing: each record is its byte length in decimal ASCII, a line feed, then exactly that many
 * bytes, with nothing between records. {@link Reader} decodes a byte stream incrementally: HTTP chunk boundaries
 * have nothing to do with record boundaries, so it never assumes a record arrives in one read.
 */
public final class RecordIo {
    /** Larger records are refused rather than allocated: a corrupt length must not exhaust the heap. */
    public static final long MAX_RECORD_BYTES = 64L * 1024 * 1024;

    private static final int MAX_LENGTH_DIGITS = 19;

    private RecordIo() {}

    /** One record: the length line followed by the data. */
    public static byte[] encode(byte[] data) {
        requireNonNull(data, "data is null");
        if (data.length == 0) {
            throw new IllegalArgumentException("a RecordIO record is never empty");
        }
        byte[] header = (data.length + "\n").getBytes(US_ASCII);
        byte[] record = new byte[header.length + data.length];
        System.arraycopy(header, 0, record, 0, header.length);
        System.arraycopy(data, 0, record, header.length, data.length);
        return record;
    }

    /** Reads records one at a time from a stream. Not thread-safe: one reader per stream. */
    public static final class Reader {
        private final InputStream input;

        public Reader(InputStream input) {
            this.input = new BufferedInputStream(requireNonNull(input, "input is null"));
        }

        /**
         * The next record, or empty at a clean end of stream (between records).
         *
         * @throws IOException when the stream ends inside a record or the framing is malformed
         */
        public Optional<byte[]> next() throws IOException {
            long length = 0;
            int digits = 0;
            while (true) {
                int next = input.read();
                if (next == -1) {
                    if (digits == 0) {
                        return Optional.empty();
                    }
                    throw new EOFException("stream ended inside a RecordIO length after " + digits + " digits");
                }
                if (next == '\n') {
                    break;
                }
                if (next < '0' || next > '9') {
                    throw new IOException("malformed RecordIO length: byte " + next + " is not a decimal digit");
                }
                if (++digits > MAX_LENGTH_DIGITS) {
                    throw new IOException("malformed RecordIO length: more than " + MAX_LENGTH_DIGITS + " digits");
                }
                length = length * 10 + (next - '0');
            }
            if (digits == 0 || length == 0) {
                throw new IOException("malformed RecordIO record: " + (digits == 0 ? "empty length" : "length 0"));
            }
            if (length > MAX_RECORD_BYTES) {
                throw new IOException(
                        "RecordIO record of " + length + " bytes exceeds the limit of " + MAX_RECORD_BYTES);
            }
            byte[] data = input.readNBytes((int) length);
            if (data.length < length) {
                throw new EOFException(
                        "stream ended inside a RecordIO record: " + data.length + " of " + length + " bytes");
            }
            return Optional.of(data);
        }
    }
}
