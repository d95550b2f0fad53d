package io.egret.adapters.mesos.matching;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places pending containers on offers. Containers with the same demand are grouped (a topology's containers come
 * in a handful of sizes, usually one), so each offer is sized once per group instead of once per container: a round
 * costs O(offers × groups + containers) where Heron's matcher scans every offer for every container,
 * O(pending × offers). Larger demands are placed first; every group is tried on every offer, so a container that
 * fits nowhere never stops smaller ones from being placed.
 */
public final class OfferMatcher {
    private OfferMatcher() {}

    /** One pending container. */
    public record Pending<K>(K key, Demand demand) {
        public Pending {
            requireNonNull(key, "key is null");
            requireNonNull(demand, "demand is null");
        }
    }

    /** One container placed on the offer at {@code offer} (its index in the list given to {@link #match}). */
    public record Placement<K>(K key, int offer, Allocation allocation) {}

    /** The placements, and the containers left pending in their original order. */
    public record Result<K>(List<Placement<K>> placed, List<Pending<K>> unplaced) {}

    /**
     * Places as many of {@code pending} as the offers hold. The offers' pools are drawn down in place.
     *
     * @param pending in priority order (kept within a demand group)
     */
    public static <K> Result<K> match(List<Pending<K>> pending, List<ResourcePools> offers) {
        requireNonNull(pending, "pending is null");
        requireNonNull(offers, "offers is null");
        Map<Demand, ArrayDeque<Pending<K>>> groups = new LinkedHashMap<>();
        for (Pending<K> container : pending) {
            groups.computeIfAbsent(container.demand(), demand -> new ArrayDeque<>())
                    .add(container);
        }
        List<Map.Entry<Demand, ArrayDeque<Pending<K>>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparing(
                (Map.Entry<Demand, ArrayDeque<Pending<K>>> entry) -> entry.getKey(), LARGEST_FIRST));
        List<Placement<K>> placed = new ArrayList<>();
        int remainingGroups = ordered.size();
        for (int offer = 0; offer < offers.size() && remainingGroups > 0; offer++) {
            ResourcePools pools = offers.get(offer);
            for (Map.Entry<Demand, ArrayDeque<Pending<K>>> group : ordered) {
                ArrayDeque<Pending<K>> queue = group.getValue();
                if (queue.isEmpty()) {
                    continue;
                }
                long count = Math.min(pools.fitCount(group.getKey()), queue.size());
                for (long i = 0; i < count; i++) {
                    Pending<K> container = queue.poll();
                    placed.add(new Placement<>(container.key(), offer, pools.take(container.demand())));
                }
                if (queue.isEmpty()) {
                    remainingGroups--;
                }
            }
        }
        List<Pending<K>> unplaced = new ArrayList<>();
        if (remainingGroups > 0) {
            Set<Pending<K>> left = Collections.newSetFromMap(new IdentityHashMap<>());
            groups.values().forEach(left::addAll);
            for (Pending<K> container : pending) {
                if (left.contains(container)) {
                    unplaced.add(container);
                }
            }
        }
        return new Result<>(placed, unplaced);
    }

    /** Orders demands by cpus, then memory, disk and ports, largest first. */
    private static final Comparator<Demand> LARGEST_FIRST = Comparator.comparingLong(Demand::cpus)
            .thenComparingLong(Demand::mem)
            .thenComparingLong(Demand::disk)
            .thenComparingInt(Demand::ports)
            .reversed();
}
