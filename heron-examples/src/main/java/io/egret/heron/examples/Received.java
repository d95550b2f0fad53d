package io.egret.heron.examples;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What sink bolts received, per key, in this JVM; for tests that run a topology in their own process. */
public final class Received {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, Set<Integer>> TASKS = new ConcurrentHashMap<>();

    private Received() {}

    static void count(String key, int taskId) {
        COUNTS.computeIfAbsent(key, ignored -> new AtomicLong()).incrementAndGet();
        TASKS.computeIfAbsent(key, ignored -> ConcurrentHashMap.newKeySet()).add(taskId);
    }

    /** How many tuples with this key arrived. */
    public static long count(String key) {
        AtomicLong count = COUNTS.get(key);
        return count == null ? 0 : count.get();
    }

    /** Which tasks received tuples with this key. */
    public static Set<Integer> tasks(String key) {
        return Set.copyOf(TASKS.getOrDefault(key, Set.of()));
    }

    public static void clear() {
        COUNTS.clear();
        TASKS.clear();
    }
}
