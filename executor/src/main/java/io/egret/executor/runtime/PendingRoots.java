package io.egret.executor.runtime;

import java.util.Arrays;

/**
 * The pending roots of one spout task, oldest first, without a boxed key or an object per root: the root's fields
 * live in parallel arrays (an entry is an index into them, reused once the root is settled), found through an
 * open-addressing table of root ids (linear probing, deletion by backward shift) and linked in emit order so that
 * timeouts look at the oldest roots only. Owned by the spout's thread.
 */
final class PendingRoots {
    private static final int FIRST_CAPACITY = 64;
    private static final int NONE = -1;

    private long[] roots = new long[FIRST_CAPACITY];
    private long[] values = new long[FIRST_CAPACITY];
    private long[] emittedAt = new long[FIRST_CAPACITY];
    private Object[] messageIds = new Object[FIRST_CAPACITY];
    /** Emit order, both ways; {@link #next} also chains the free entries. */
    private int[] previous = new int[FIRST_CAPACITY];

    private int[] next = new int[FIRST_CAPACITY];
    /** Entry + 1 per slot, 0 for an empty slot; at most half full. */
    private int[] table = new int[FIRST_CAPACITY * 2];

    private int used;
    private int free = NONE;
    private int oldest = NONE;
    private int newest = NONE;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a root (whose id is not pending yet) with its outstanding XOR, emitted at {@code now}. */
    void add(long root, Object messageId, long value, long now) {
        int entry = newEntry();
        roots[entry] = root;
        values[entry] = value;
        emittedAt[entry] = now;
        messageIds[entry] = messageId;
        previous[entry] = newest;
        next[entry] = NONE;
        if (newest == NONE) {
            oldest = entry;
        } else {
            next[newest] = entry;
        }
        newest = entry;
        if (2 * (size + 1) > table.length) {
            rehash(table.length * 2);
        }
        int slot = home(root);
        while (table[slot] != 0) {
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = entry + 1;
        size++;
    }

    /** The entry of a pending root, or -1. */
    int find(long root) {
        int mask = table.length - 1;
        for (int slot = home(root); table[slot] != 0; slot = (slot + 1) & mask) {
            int entry = table[slot] - 1;
            if (roots[entry] == root) {
                return entry;
            }
        }
        return NONE;
    }

    /** XORs {@code value} into an entry's outstanding value; returns the result (0: the tree is complete). */
    long xor(int entry, long value) {
        values[entry] ^= value;
        return values[entry];
    }

    /** The entry emitted longest ago, or -1 when nothing is pending. */
    int oldest() {
        return oldest;
    }

    long emittedAt(int entry) {
        return emittedAt[entry];
    }

    /** Removes an entry; returns its message id. */
    Object remove(int entry) {
        int mask = table.length - 1;
        int hole = home(roots[entry]);
        while (table[hole] != entry + 1) {
            hole = (hole + 1) & mask;
        }
        // Backward shift: move later entries of the probe run into the hole unless that puts them before home.
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            int moved = table[slot];
            if (moved == 0) {
                break;
            }
            int movedHome = home(roots[moved - 1]);
            if (((slot - movedHome) & mask) >= ((slot - hole) & mask)) {
                table[hole] = moved;
                hole = slot;
            }
        }
        table[hole] = 0;

        int before = previous[entry];
        int after = next[entry];
        if (before == NONE) {
            oldest = after;
        } else {
            next[before] = after;
        }
        if (after == NONE) {
            newest = before;
        } else {
            previous[after] = before;
        }
        Object messageId = messageIds[entry];
        messageIds[entry] = null;
        next[entry] = free;
        free = entry;
        size--;
        return messageId;
    }

    private int newEntry() {
        if (free != NONE) {
            int entry = free;
            free = next[entry];
            return entry;
        }
        if (used == roots.length) {
            int capacity = roots.length * 2;
            roots = Arrays.copyOf(roots, capacity);
            values = Arrays.copyOf(values, capacity);
            emittedAt = Arrays.copyOf(emittedAt, capacity);
            messageIds = Arrays.copyOf(messageIds, capacity);
            previous = Arrays.copyOf(previous, capacity);
            next = Arrays.copyOf(next, capacity);
        }
        return used++;
    }

    private void rehash(int length) {
        int[] old = table;
        table = new int[length];
        int mask = length - 1;
        for (int stored : old) {
            if (stored != 0) {
                int slot = home(roots[stored - 1]);
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = stored;
            }
        }
    }

    /** Root ids are random, but mix anyway: a spout's ids could come from a weak source one day. */
    private int home(long root) {
        long mixed = root * 0x9E37_79B9_7F4A_7C15L;
        return (int) (mixed >>> 32) & (table.length - 1);
    }
}
