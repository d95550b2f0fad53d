package io.egret.api;

/**
 * An amount of RAM or disk for {@link Config}, in bytes: {@code ByteAmount.fromMegabytes(512)}. Named as in
 * Heron's API so that topology code ports over unchanged.
 */
public record ByteAmount(long bytes) {
    private static final long MEGABYTE = 1024L * 1024L;
    private static final long GIGABYTE = 1024L * MEGABYTE;

    public ByteAmount {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte amount must not be negative, got " + bytes);
        }
    }

    /** That many bytes. */
    public static ByteAmount fromBytes(long bytes) {
        return new ByteAmount(bytes);
    }

    /** That many megabytes (1024 * 1024 bytes each). */
    public static ByteAmount fromMegabytes(long megabytes) {
        return new ByteAmount(Math.multiplyExact(megabytes, MEGABYTE));
    }

    /** That many gigabytes (1024 megabytes each). */
    public static ByteAmount fromGigabytes(long gigabytes) {
        return new ByteAmount(Math.multiplyExact(gigabytes, GIGABYTE));
    }
}
