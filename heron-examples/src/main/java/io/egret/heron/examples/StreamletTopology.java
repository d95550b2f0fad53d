package io.egret.heron.examples;

import java.util.Collection;
import java.util.List;
import org.apache.heron.streamlet.Builder;
import org.apache.heron.streamlet.Config;
import org.apache.heron.streamlet.Context;
import org.apache.heron.streamlet.Runner;
import org.apache.heron.streamlet.Source;

/**
 * Heron's streamlet API: numbers 0 to limit-1 from a source, doubled, multiples of 4 kept, counted by a consumer.
 * So the consumer sees limit/2 numbers (for an even limit).
 */
public final class StreamletTopology {
    private StreamletTopology() {}

    /** Hands out the next number per call until the limit, then nothing. */
    public static final class CountingSource implements Source<Long> {
        private static final long serialVersionUID = 1L;

        private final long limit;
        private transient long next;

        public CountingSource(long limit) {
            this.limit = limit;
        }

        @Override
        public void setup(Context context) {}

        @Override
        public Collection<Long> get() {
            return next < limit ? List.of(next++) : List.of();
        }

        @Override
        public void cleanup() {}
    }

    public static void main(String[] args) {
        Arguments arguments = Arguments.parse(args);
        Builder builder = Builder.newBuilder();
        builder.newSource(new CountingSource(arguments.limit()))
                .setName("numbers")
                .map(number -> number * 2)
                .setName("double")
                .filter(number -> number % 4 == 0)
                .setName("fours")
                .consume(number -> Received.count("fours", 0))
                .setName("count");
        Config config =
                Config.newBuilder().setNumContainers(arguments.containers()).build();
        new Runner().run(arguments.name(), config, builder);
    }
}
