package io.egret.domain.resource;

/**
 * An amount of memory or disk in bytes. Heron's configuration gives these as byte counts; operators read them
 * in megabytes and gigabytes, so {@link #toString()} prints the largest exact unit.
 */
public record ByteAmount(long bytes) implements Comparable<ByteAmount> {
    public static final ByteAmount ZERO = new ByteAmount(0);

    private static final long KB = 1024L;
    private static final long MB = KB * 1024L;
    private static final long GB = MB * 1024L;

    public ByteAmount {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte amount must not be negative: " + bytes);
        }
    }

    public static ByteAmount ofBytes(long bytes) {
        return new ByteAmount(bytes);
    }

    public static ByteAmount ofKilobytes(long kilobytes) {
        return new ByteAmount(Math.multiplyExact(kilobytes, KB));
    }

    public static ByteAmount ofMegabytes(long megabytes) {
        return new ByteAmount(Math.multiplyExact(megabytes, MB));
    }

    public static ByteAmount ofGigabytes(long gigabytes) {
        return new ByteAmount(Math.multiplyExact(gigabytes, GB));
    }

    public long megabytes() {
        return bytes / MB;
    }

    public ByteAmount plus(ByteAmount other) {
        return new ByteAmount(Math.addExact(bytes, other.bytes));
    }

    /** Subtraction that refuses to go below zero, because a negative amount is always a bug upstream. */
    public ByteAmount minus(ByteAmount other) {
        return new ByteAmount(Math.subtractExact(bytes, other.bytes));
    }

    public ByteAmount times(long factor) {
        return new ByteAmount(Math.multiplyExact(bytes, factor));
    }

    public ByteAmount dividedBy(long divisor) {
        return new ByteAmount(bytes / divisor);
    }

    public ByteAmount max(ByteAmount other) {
        return bytes >= other.bytes ? this : other;
    }

    public ByteAmount min(ByteAmount other) {
        return bytes <= other.bytes ? this : other;
    }

    public boolean isGreaterThan(ByteAmount other) {
        return bytes > other.bytes;
    }

    public boolean isLessThan(ByteAmount other) {
        return bytes < other.bytes;
    }

    @Override
    public int compareTo(ByteAmount other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % GB == 0) {
            return bytes / GB + " GB";
        }
        if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + " MB";
        }
        if (bytes >= MB) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) MB);
        }
        return bytes + " bytes";
    }
}
