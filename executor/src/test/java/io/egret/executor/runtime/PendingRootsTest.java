package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PendingRoots} against a LinkedHashMap doing the same, through growth, removals and colliding ids. */
final class PendingRootsTest {

    @Test
    void findsXorsAndRemovesRootsInEmitOrder() {
        PendingRoots pending = new PendingRoots();
        pending.add(10L, "a", 0b011, 100);
        pending.add(20L, "b", 0b100, 200);
        pending.add(30L, "c", 0b001, 300);

        assertThat(pending.find(40L)).isNegative();
        int b = pending.find(20L);
        assertThat(pending.xor(b, 0b100)).isZero();
        assertThat(pending.remove(b)).isEqualTo("b");
        assertThat(pending.find(20L)).isNegative();
        assertThat(pending.size()).isEqualTo(2);

        int oldest = pending.oldest();
        assertThat(pending.emittedAt(oldest)).isEqualTo(100);
        assertThat(pending.xor(oldest, 0b001)).isEqualTo(0b010);
        assertThat(pending.remove(oldest)).isEqualTo("a");
        assertThat(pending.emittedAt(pending.oldest())).isEqualTo(300);
        assertThat(pending.remove(pending.oldest())).isEqualTo("c");
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.oldest()).isNegative();
    }

    @Test
    void behavesLikeALinkedHashMapUnderRandomWork() {
        PendingRoots pending = new PendingRoots();
        Map<Long, long[]> model = new LinkedHashMap<>();
        List<Long> keys = new ArrayList<>();
        Random random = new Random(42);
        long time = 0;
        for (int step = 0; step < 100_000; step++) {
            int action = random.nextInt(10);
            if (action < 5 || model.isEmpty()) {
                // Ids from a small range collide in the table; keep them unique among the pending, as random ids are.
                long root = random.nextInt(5_000) * 0x1_0000_0000L;
                if (!model.containsKey(root)) {
                    long value = random.nextLong() | 1;
                    pending.add(root, root, value, ++time);
                    model.put(root, new long[] {value, time});
                    keys.add(root);
                }
            } else if (action < 8) {
                long root = keys.get(random.nextInt(keys.size()));
                int entry = pending.find(root);
                assertThat(entry).isNotNegative();
                long value = random.nextBoolean() ? model.get(root)[0] : random.nextLong();
                long left = pending.xor(entry, value);
                model.get(root)[0] ^= value;
                assertThat(left).isEqualTo(model.get(root)[0]);
                if (left == 0) {
                    assertThat(pending.remove(entry)).isEqualTo(root);
                    model.remove(root);
                    keys.remove(root);
                }
            } else {
                Map.Entry<Long, long[]> oldest = model.entrySet().iterator().next();
                int entry = pending.oldest();
                assertThat(pending.emittedAt(entry)).isEqualTo(oldest.getValue()[1]);
                assertThat(pending.remove(entry)).isEqualTo(oldest.getKey());
                model.remove(oldest.getKey());
                keys.remove(oldest.getKey());
            }
            assertThat(pending.size()).isEqualTo(model.size());
        }
        List<Long> missing = new ArrayList<>();
        for (long root : model.keySet()) {
            if (pending.find(root) < 0) {
                missing.add(root);
            }
        }
        assertThat(missing).isEmpty();
    }
}
