package io.egret.domain.testing;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded random inputs for property tests: every run checks the same cases, and a failing case is reproduced by
 * its index. (Property tests here are plain JUnit parameterized tests over these cases.)
 */
public final class RandomCases {
    /** The seed of every generator; change it to explore, keep it fixed to reproduce. */
    public static final long SEED = 0x5EED_E6E7L;

    private RandomCases() {}

    /** {@code count} values made by {@code generator}, each from its own generator derived from the seed. */
    public static <T> Stream<T> of(int count, Function<SplittableRandom, T> generator) {
        SplittableRandom root = new SplittableRandom(SEED);
        return IntStream.range(0, count).mapToObj(index -> generator.apply(root.split()));
    }

    /** A string of up to {@code maxLength} characters from {@code from} to {@code to} inclusive. */
    public static String string(SplittableRandom random, int maxLength, char from, char to) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append((char) random.nextInt(from, to + 1));
        }
        return builder.toString();
    }
}
