package io.egret.adapters.mesos.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class RecordIoTest {

    @Test
    void encodesTheByteLengthThenALineFeedThenTheData() {
        assertThat(new String(RecordIo.encode("{\"type\":\"HEARTBEAT\"}".getBytes(UTF_8)), UTF_8))
                .isEqualTo("20\n{\"type\":\"HEARTBEAT\"}");
        // The length counts bytes, not characters.
        assertThat(new String(RecordIo.encode("é".getBytes(UTF_8)), UTF_8)).isEqualTo("2\né");
    }

    @Test
    void decodesRecordsThatArriveOneByteAtATime() throws IOException {
        byte[] stream = concat(RecordIo.encode("first".getBytes(UTF_8)), RecordIo.encode("second!".getBytes(UTF_8)));
        RecordIo.Reader reader = new RecordIo.Reader(new Trickle(stream));

        List<String> records = new ArrayList<>();
        for (Optional<byte[]> next = reader.next(); next.isPresent(); next = reader.next()) {
            records.add(new String(next.get(), UTF_8));
        }

        assertThat(records).containsExactly("first", "second!");
    }

    @Test
    void refusesMalformedFraming() {
        assertThatThrownBy(() -> reader("x\nabc").next()).hasMessageContaining("not a decimal digit");
        assertThatThrownBy(() -> reader("0\n").next()).hasMessageContaining("length 0");
        assertThatThrownBy(() -> reader("\nabc").next()).hasMessageContaining("empty length");
        assertThatThrownBy(() -> reader("10\nabc").next())
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("3 of 10 bytes");
        assertThatThrownBy(() -> reader("99999999999\n").next()).hasMessageContaining("exceeds the limit");
    }

    private static RecordIo.Reader reader(String text) {
        return new RecordIo.Reader(new ByteArrayInputStream(text.getBytes(UTF_8)));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    /** Hands out at most one byte per read, as a re-chunking proxy might. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private int position;

        Trickle(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= data.length) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            buffer[offset] = data[position++];
            return 1;
        }
    }
}
